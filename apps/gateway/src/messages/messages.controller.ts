import { Body, Controller, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig } from '@llmgw/config';
import type { CallerContext } from '@llmgw/contracts';
import { MessagesHandler } from '@llmgw/routing';
import type { FastifyReply } from 'fastify';
import { Caller } from '../auth/caller.decorator';
import { XApiKeyGuard } from '../auth/x-api-key.guard';
import { abortOnClientClose } from '../chat/client-abort';
import { relayProviderRateLimitHeaders } from '../limits/provider-rate-limit-headers';
import { AnthropicSseSink } from './anthropic-sse.sink';

/**
 * Anthropic's Messages API, so `@anthropic-ai/sdk` clients work against the gateway unchanged.
 * Errors leave in Anthropic's shape (`GatewayExceptionFilter` recognises the route).
 */
@Controller('v1')
@UseGuards(XApiKeyGuard)
export class MessagesController {
  private readonly stallMs: number;

  constructor(
    private readonly handler: MessagesHandler,
    config: ConfigService<GatewayConfig, true>,
  ) {
    this.stallMs = config.get('STREAM_CLIENT_STALL_MS', { infer: true });
  }

  @Post('messages')
  @HttpCode(200)
  async create(@Body() body: unknown, @Caller() caller: CallerContext, @Res() reply: FastifyReply): Promise<void> {
    const signal = abortOnClientClose(reply);
    if (isStreaming(body)) {
      await this.handler.stream(body, caller, signal, new AnthropicSseSink(reply, this.stallMs));
      return;
    }
    const answer = await this.handler.create(body, caller, signal);
    relayProviderRateLimitHeaders(reply.raw, answer.providerRateLimitHeaders);
    await reply
      .status(200)
      .header('request-id', caller.requestId)
      .header('x-llmgw-provider', answer.provider)
      .header('x-llmgw-model', answer.model)
      .send(answer.message);
  }
}

function isStreaming(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { stream?: unknown }).stream === true;
}
