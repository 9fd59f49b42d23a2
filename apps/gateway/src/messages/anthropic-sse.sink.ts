import type { AnthropicStreamEvent, AnthropicStreamSink } from '@llmgw/routing';
import type { FastifyReply } from 'fastify';
import { ClientBackpressure } from '../chat/client-backpressure';
import { relayProviderRateLimitHeaders } from '../limits/provider-rate-limit-headers';

/** Anthropic's server-sent events (`event: <type>` + `data: <json>`), straight to the socket. */
export class AnthropicSseSink implements AnthropicStreamSink {
  private readonly client: ClientBackpressure;

  constructor(
    private readonly reply: FastifyReply,
    stallMs: number,
  ) {
    this.client = new ClientBackpressure(reply.raw, stallMs);
  }

  open(route: Parameters<AnthropicStreamSink['open']>[0]): void {
    this.reply.hijack();
    relayProviderRateLimitHeaders(this.reply.raw, route.providerRateLimitHeaders);
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
    this.client.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  }

  drained(): Promise<void> | null {
    return this.client.drained();
  }

  end(): void {
    if (!this.reply.raw.writableEnded) this.reply.raw.end();
  }
}
