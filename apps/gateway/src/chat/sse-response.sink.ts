import type { ChatCompletionChunk, GatewayError } from '@llmgw/contracts';
import type { ChatStreamSink } from '@llmgw/routing';
import type { FastifyReply } from 'fastify';
import { answerHeaders } from './route-headers';

/** Server-sent events written straight to the socket: no re-framing, no buffering. */
export class SseResponseSink implements ChatStreamSink {
  constructor(private readonly reply: FastifyReply) {}

  open(route: { provider: string; model: string; fallbackCount?: number; routeReason?: string; cache?: string }): void {
    this.reply.hijack();
    this.reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': this.reply.request.id,
      ...answerHeaders(route),
    });
  }

  send(chunk: ChatCompletionChunk): void {
    this.write(`data: ${JSON.stringify(chunk)}\n\n`);
  }

  fail(error: GatewayError): void {
    this.write(`data: ${JSON.stringify(error.toBody())}\n\n`);
    this.reply.raw.end();
  }

  close(): void {
    this.write('data: [DONE]\n\n');
    this.reply.raw.end();
  }

  private write(frame: string): void {
    if (!this.reply.raw.destroyed && !this.reply.raw.writableEnded) this.reply.raw.write(frame);
  }
}
