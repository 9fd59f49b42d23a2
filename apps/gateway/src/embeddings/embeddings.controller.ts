import { Body, Controller, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import type { CallerContext } from '@llmgw/contracts';
import { EmbeddingsHandler } from '@llmgw/routing';
import type { FastifyReply } from 'fastify';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { Caller } from '../auth/caller.decorator';
import { abortOnClientClose } from '../chat/client-abort';
import { relayProviderRateLimitHeaders } from '../limits/provider-rate-limit-headers';

@Controller('v1')
@UseGuards(ApiKeyGuard)
export class EmbeddingsController {
  constructor(private readonly handler: EmbeddingsHandler) {}

  @Post('embeddings')
  @HttpCode(200)
  async create(@Body() body: unknown, @Caller() caller: CallerContext, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.handler.embed(body, caller, abortOnClientClose(reply));
    relayProviderRateLimitHeaders(reply.raw, answer.providerRateLimitHeaders);
    await reply.status(200).header('x-llmgw-provider', answer.provider).header('x-llmgw-model', answer.model).send(answer.embeddings);
  }
}
