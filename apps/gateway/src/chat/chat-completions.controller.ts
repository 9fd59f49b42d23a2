import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { CallerContext } from '@llmgw/contracts';
import { ChatCompletionHandler } from '@llmgw/routing';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { Caller } from '../auth/caller.decorator';
import { abortOnClientClose } from './client-abort';
import { routeHeaders, routeHintsOf } from './route-headers';
import { SseResponseSink } from './sse-response.sink';

@Controller('v1')
@UseGuards(ApiKeyGuard)
export class ChatCompletionsController {
  constructor(private readonly handler: ChatCompletionHandler) {}

  @Post('chat/completions')
  @HttpCode(200)
  async create(@Body() body: unknown, @Caller() caller: CallerContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const signal = abortOnClientClose(reply);
    const hints = routeHintsOf(request);
    if (isStreaming(body)) {
      await this.handler.stream(body, caller, signal, new SseResponseSink(reply), undefined, hints);
      return;
    }
    const answer = await this.handler.complete(body, caller, signal, undefined, hints);
    await reply.status(200).headers(routeHeaders(answer)).send(answer.completion);
  }
}

function isStreaming(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { stream?: unknown }).stream === true;
}
