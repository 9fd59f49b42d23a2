import { Body, Controller, Get, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { JwtAuthGuard, Roles, RolesGuard } from '@llmgw/auth';
import { CIRCUIT_BREAKER_STORE, type CircuitBreakerStore } from '@llmgw/routing';
import { z } from 'zod';
import { parseRequest } from '../validation/parse-request';

const resetRequestSchema = z.strictObject({
  provider: z.string().regex(/^[a-z][a-z0-9-]*$/).optional(),
  model: z.string().min(1).max(200).optional(),
});

/** Circuit breakers of every gateway replica (their state is shared in Redis). */
@Controller('admin/circuit-breakers')
@UseGuards(JwtAuthGuard, RolesGuard)
export class CircuitBreakersController {
  constructor(@Inject(CIRCUIT_BREAKER_STORE) private readonly breakers: CircuitBreakerStore) {}

  @Get()
  @Roles('admin', 'viewer')
  async list() {
    return { circuits: await this.breakers.snapshot() };
  }

  /** One model's breaker (provider and model), every breaker of a provider, or all of them. */
  @Post('reset')
  @HttpCode(200)
  @Roles('admin')
  async reset(@Body() body: unknown) {
    const { provider, model } = parseRequest(resetRequestSchema, body ?? {});
    const keys = Object.keys(await this.breakers.snapshot());
    const targets = provider === undefined ? [undefined] : keys.filter((key) => key.startsWith(`${provider}:`) && (model === undefined || key === `${provider}:${model}`));
    await Promise.all(targets.map((key) => this.breakers.reset(key)));
    return { reset: provider === undefined ? 'all' : targets, circuits: await this.breakers.snapshot() };
  }
}
