import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, UseGuards } from '@nestjs/common';
import { CIRCUIT_BREAKER_STORE, type CircuitBreakerStore, resetCircuitBreakers, RouteDecisionCache, RouterInspector } from '@llmgw/routing';
import type { FastifyRequest } from 'fastify';
import { parseRequest } from '@llmgw/contracts';
import { z } from 'zod';
import { AdminScopeGuard } from '../auth/admin-scope.guard';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { routeHintsOf } from '../chat/route-headers';

const resetRequestSchema = z.strictObject({
  provider: z.string().regex(/^[a-z][a-z0-9-]*$/).optional(),
  model: z.string().min(1).max(200).optional(),
});

/** The router's decision and state, without calling any model; resets need the admin scope. */
@Controller('v1')
@UseGuards(ApiKeyGuard)
export class RouterController {
  constructor(
    private readonly inspector: RouterInspector,
    private readonly decisions: RouteDecisionCache,
    @Inject(CIRCUIT_BREAKER_STORE) private readonly breakers: CircuitBreakerStore,
  ) {}

  /** An OpenAI chat body, or the seeds' `{ intent, ... }` body. */
  @Post('router/route')
  @HttpCode(200)
  route(@Body() body: unknown, @Req() request: FastifyRequest) {
    return this.inspector.route(body, routeHintsOf(request));
  }

  /** `?model=gpt-4o` (its fallbacks), `?model=chain:fast`, or `?model=auto&strategy=...&prompt=...`. */
  @Get('router/chain')
  chain(@Query() query: unknown) {
    return this.inspector.chain(query);
  }

  @Get('router/status')
  async status() {
    return { ...(await this.inspector.status()), decision_cache: this.decisions.stats() };
  }

  /** Drops cached routing decisions on every replica. */
  @Post('router/cache/clear')
  @HttpCode(200)
  @UseGuards(AdminScopeGuard)
  clearDecisions() {
    return this.decisions.clearEverywhere();
  }

  @Get('circuit-breakers/status')
  circuits() {
    return this.inspector.circuits();
  }

  /** One model's breaker (`provider` and `model`), a provider's, or all; shared state, so every replica. */
  @Post('circuit-breakers/reset')
  @HttpCode(200)
  @UseGuards(AdminScopeGuard)
  resetCircuits(@Body() body: unknown) {
    return resetCircuitBreakers(this.breakers, parseRequest(resetRequestSchema, body ?? {}));
  }
}
