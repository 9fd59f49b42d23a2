import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { READINESS_INDICATORS, type ReadinessIndicator } from './readiness-indicator';
import { readinessRedisProvider } from './readiness-redis';
import { RedisHealthIndicator } from './redis.health';

export interface HealthModuleOptions {
  /** Checked for readiness when set; standalone mode has no Redis. */
  redisUrl: string | null;
  /**
   * Extra `/health/ready` checks, instantiated inside this module (so they may inject
   * `HealthIndicatorService` and anything global, such as the app's own services).
   */
  readinessIndicators?: Array<Type<ReadinessIndicator>>;
}

/** Liveness and readiness endpoints, the same in every app. Needs TypeORM in the app. */
@Module({})
export class HealthModule {
  static forRoot(options: HealthModuleOptions): DynamicModule {
    const indicators = options.readinessIndicators ?? [];
    return {
      module: HealthModule,
      imports: [TerminusModule],
      controllers: [HealthController],
      providers: [
        RedisHealthIndicator,
        ...(options.redisUrl ? [readinessRedisProvider(options.redisUrl)] : []),
        ...indicators,
        {
          provide: READINESS_INDICATORS,
          inject: indicators,
          useFactory: (...instances: ReadinessIndicator[]) => instances,
        },
      ],
    };
  }
}
