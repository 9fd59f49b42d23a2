import { Body, Controller, Get, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { JwtAuthGuard, Roles, RolesGuard } from '@llmgw/auth';
import { CIRCUIT_BREAKER_STORE, type CircuitBreakerStore, resetCircuitBreakers } from '@llmgw/routing';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AuditTrail } from '../audit/audit-trail';
import { Actor, type AuditActor } from '../common/audit-actor';
import { ApiZodBody } from '../docs/zod-openapi';
import { parseRequest } from '../validation/parse-request';

const resetRequestSchema = z.strictObject({
  provider: z.string().regex(/^[a-z][a-z0-9-]*$/).optional(),
  model: z.string().min(1).max(200).optional(),
});

/** Circuit breakers of every gateway replica (their state is shared in Redis). */
@ApiTags('circuit breakers')
@ApiBearerAuth()
@Controller('admin/circuit-breakers')
@UseGuards(JwtAuthGuard, RolesGuard)
export class CircuitBreakersController {
  constructor(
    @Inject(CIRCUIT_BREAKER_STORE) private readonly breakers: CircuitBreakerStore,
    private readonly trail: AuditTrail,
  ) {}

  @Get()
  @Roles('admin', 'viewer')
  async list() {
    return { circuits: await this.breakers.snapshot() };
  }

  /** One model's breaker (provider and model), every breaker of a provider, or all of them. */
  @Post('reset')
  @HttpCode(200)
  @Roles('admin')
  @ApiZodBody(resetRequestSchema)
  async reset(@Body() body: unknown, @Actor() actor: AuditActor) {
    const request = parseRequest(resetRequestSchema, body ?? {});
    const before = await this.breakers.snapshot();
    const result = await resetCircuitBreakers(this.breakers, request);
    const target = request.provider === undefined ? null : [request.provider, request.model].filter(Boolean).join(':');
    await this.trail.record(actor, { action: 'circuit_breaker.reset', resourceType: 'circuit_breaker', resourceId: target, before, after: result });
    return result;
  }
}
