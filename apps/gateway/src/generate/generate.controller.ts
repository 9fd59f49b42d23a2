import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { CallerContext } from '@llmgw/contracts';
import { GenerationHandler } from '@llmgw/routing';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { Caller } from '../auth/caller.decorator';
import { abortOnClientClose } from '../chat/client-abort';
import { routeHeaders, routeHintsOf } from '../chat/route-headers';

/** Task-aware generation: an intent in, artifacts out, routed and metered like chat. */
@Controller('v1')
@UseGuards(ApiKeyGuard)
export class GenerateController {
  constructor(private readonly handler: GenerationHandler) {}

  @Post('generate')
  @HttpCode(200)
  async generate(@Body() body: unknown, @Caller() caller: CallerContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const generation = await this.handler.generate(body, caller, abortOnClientClose(reply), routeHintsOf(request));
    const headers = generation.provider && generation.model ? routeHeaders({ provider: generation.provider, model: generation.model, fallbackCount: generation.fallback_count, routeReason: generation.reasoning }) : {};
    await reply.status(200).headers(headers).send(generation);
  }
}
