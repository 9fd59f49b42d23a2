import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { RouterInspector } from '@llmgw/routing';
import type { FastifyRequest } from 'fastify';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { routeHintsOf } from '../chat/route-headers';

/** The router's decision and state, without calling any model. */
@Controller('v1')
@UseGuards(ApiKeyGuard)
export class RouterController {
  constructor(private readonly inspector: RouterInspector) {}

  /** An OpenAI chat body, or the seeds' `{ intent, ... }` body. */
  @Post('router/route')
  @HttpCode(200)
  route(@Body() body: unknown, @Req() request: FastifyRequest) {
    return this.inspector.route(body, routeHintsOf(request));
  }

  @Get('router/status')
  status() {
    return this.inspector.status();
  }

  @Get('circuit-breakers/status')
  circuits() {
    return this.inspector.circuits();
  }
}
