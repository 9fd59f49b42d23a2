import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { JwtAuthGuard, Roles, RolesGuard } from '@llmgw/auth';
import { CacheAdministration, invalidateCommandOf, invalidateRequestSchema, optimizeFractionOf, optimizeRequestSchema } from '@llmgw/caching';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditTrail } from '../audit/audit-trail';
import { Actor, type AuditActor } from '../common/audit-actor';
import { ApiZodBody } from '../docs/zod-openapi';

/** The gateways' response cache (shared in Redis): statistics, invalidation and optimisation, audited. */
@ApiTags('cache')
@ApiBearerAuth()
@Controller('admin/cache')
@UseGuards(JwtAuthGuard, RolesGuard)
export class CacheAdminController {
  constructor(
    private readonly cache: CacheAdministration,
    private readonly trail: AuditTrail,
  ) {}

  @Get('stats')
  @Roles('admin', 'viewer')
  stats() {
    return this.cache.stats();
  }

  @Post('invalidate')
  @HttpCode(200)
  @Roles('admin')
  @ApiZodBody(invalidateRequestSchema)
  async invalidate(@Body() body: unknown, @Actor() actor: AuditActor) {
    const command = invalidateCommandOf(body);
    const result = await this.cache.invalidate(command);
    await this.trail.record(actor, { action: 'cache.invalidate', resourceType: 'cache', resourceId: command.tenant ?? null, before: null, after: { command, result } });
    return result;
  }

  @Post('optimize')
  @HttpCode(200)
  @Roles('admin')
  @ApiZodBody(optimizeRequestSchema)
  async optimize(@Body() body: unknown, @Actor() actor: AuditActor) {
    const fraction = optimizeFractionOf(body);
    const result = await this.cache.optimize(fraction);
    await this.trail.record(actor, { action: 'cache.optimize', resourceType: 'cache', resourceId: null, before: null, after: { fraction, result } });
    return result;
  }
}
