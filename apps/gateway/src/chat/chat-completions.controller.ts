import { Body, Controller, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import type { CallerContext } from '@llmgw/contracts';
import { ChatCompletionHandler } from '@llmgw/routing';
import type { FastifyReply } from 'fastify';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { Caller } from '../auth/caller.decorator';
import { abortOnClientClose } from './client-abort';
import { SseResponseSink } from './sse-response.sink';

@Controller('v1')
@UseGuards(ApiKeyGuard)
export class ChatCompletionsController {
  constructor(private readonly handler: ChatCompletionHandler) {}

  @Post('chat/completions')
  @HttpCode(200)
  async create(@Body() body: unknown, @Caller() caller: CallerContext, @Res() reply: FastifyReply): Promise<void> {
    const signal = abortOnClientClose(reply);
    if (isStreaming(body)) {
      await this.handler.stream(body, caller, signal, new SseResponseSink(reply));
      return;
    }
    const answer = await this.handler.complete(body, caller, signal);
    await reply
      .status(200)
      .header('x-llmgw-provider', answer.provider)
      .header('x-llmgw-model', answer.model)
      .send(answer.completion);
  }
}

function isStreaming(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { stream?: unknown }).stream === true;
}
