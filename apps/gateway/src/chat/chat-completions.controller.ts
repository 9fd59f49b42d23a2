import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig } from '@llmgw/config';
import type { CallerContext } from '@llmgw/contracts';
import { ChatCompletionHandler, type ChatCallOptions } from '@llmgw/routing';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { Caller } from '../auth/caller.decorator';
import { relayProviderRateLimitHeaders } from '../limits/provider-rate-limit-headers';
import { setRateLimitHeaders } from '../limits/rate-limit-headers';
import { abortOnClientClose } from './client-abort';
import { answerHeaders, routeHintsOf } from './route-headers';
import { SseResponseSink } from './sse-response.sink';

@Controller('v1')
@UseGuards(ApiKeyGuard)
export class ChatCompletionsController {
  private readonly stallMs: number;

  constructor(
    private readonly handler: ChatCompletionHandler,
    config: ConfigService<GatewayConfig, true>,
  ) {
    this.stallMs = config.get('STREAM_CLIENT_STALL_MS', { infer: true });
  }

  @Post('chat/completions')
  @HttpCode(200)
  async create(@Body() body: unknown, @Caller() caller: CallerContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const signal = abortOnClientClose(reply);
    const options: ChatCallOptions = {
      hints: routeHintsOf(request),
      headers: request.headers,
      onRateLimitHeaders: (values) => setRateLimitHeaders(request, values),
    };
    if (isStreaming(body)) {
      await this.handler.stream(body, caller, signal, new SseResponseSink(reply, this.stallMs), options);
      return;
    }
    const answer = await this.handler.complete(body, caller, signal, options);
    relayProviderRateLimitHeaders(reply.raw, answer.providerRateLimitHeaders);
    await reply.status(200).headers(answerHeaders(answer)).send(answer.completion);
  }
}

function isStreaming(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { stream?: unknown }).stream === true;
}
