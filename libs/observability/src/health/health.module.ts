import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { readinessRedisProvider } from './readiness-redis';
import { RedisHealthIndicator } from './redis.health';

export interface HealthModuleOptions {
  /** Checked for readiness when set; standalone mode has no Redis. */
  redisUrl: string | null;
}

/** Liveness and readiness endpoints, the same in every app. Needs TypeORM in the app. */
@Module({})
export class HealthModule {
  static forRoot(options: HealthModuleOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule],
      controllers: [HealthController],
      providers: [RedisHealthIndicator, ...(options.redisUrl ? [readinessRedisProvider(options.redisUrl)] : [])],
    };
  }
}
