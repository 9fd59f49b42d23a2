import type { AnthropicStreamEvent, AnthropicStreamSink } from '@llmgw/routing';
import type { FastifyReply } from 'fastify';

/** Anthropic's server-sent events (`event: <type>` + `data: <json>`), straight to the socket. */
export class AnthropicSseSink implements AnthropicStreamSink {
  constructor(private readonly reply: FastifyReply) {}

  open(route: { provider: string; model: string }): void {
    this.reply.hijack();
    this.reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': this.reply.request.id,
      // Anthropic SDKs expose this header as the message's `_request_id`.
      'request-id': this.reply.request.id,
      'x-llmgw-provider': route.provider,
      'x-llmgw-model': route.model,
    });
  }

  send(event: AnthropicStreamEvent): void {
    if (!this.reply.raw.destroyed && !this.reply.raw.writableEnded) {
      this.reply.raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    }
  }

  end(): void {
    if (!this.reply.raw.writableEnded) this.reply.raw.end();
  }
}
