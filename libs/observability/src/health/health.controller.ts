import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { READINESS_INDICATORS, type ReadinessIndicator } from './readiness-indicator';
import { READINESS_REDIS } from './readiness-redis';
import { RedisHealthIndicator } from './redis.health';

/** `/health` (liveness) and `/health/ready` (Postgres, Redis when the app uses it, and the app's own indicators). */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redisHealth: RedisHealthIndicator,
    @Inject(READINESS_INDICATORS) private readonly indicators: ReadinessIndicator[],
    @Optional() @Inject(READINESS_REDIS) private readonly redis?: Redis,
  ) {}

  /** Liveness: the process answers. Dependencies are readiness's business. */
  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    const redis = this.redis;
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 1000 }),
      ...(redis ? [() => this.redisHealth.pingCheck('redis', redis)] : []),
      ...this.indicators.map((indicator) => () => indicator.check()),
    ]);
  }
}
