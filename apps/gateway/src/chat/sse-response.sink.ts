import type { ChatCompletionChunk, GatewayError } from '@llmgw/contracts';
import type { ChatStreamSink } from '@llmgw/routing';
import type { FastifyReply } from 'fastify';
import { relayProviderRateLimitHeaders } from '../limits/provider-rate-limit-headers';
import { ClientBackpressure } from './client-backpressure';
import { answerHeaders } from './route-headers';

/** Server-sent events written straight to the socket: no re-framing, no buffering beyond the socket's own. */
export class SseResponseSink implements ChatStreamSink {
  private readonly client: ClientBackpressure;

  constructor(
    private readonly reply: FastifyReply,
    stallMs: number,
  ) {
    this.client = new ClientBackpressure(reply.raw, stallMs);
  }

  open(route: Parameters<ChatStreamSink['open']>[0]): void {
    this.reply.hijack();
    relayProviderRateLimitHeaders(this.reply.raw, route.providerRateLimitHeaders);
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

  drained(): Promise<void> | null {
    return this.client.drained();
  }

  private write(frame: string): void {
    this.client.write(frame);
  }
}
