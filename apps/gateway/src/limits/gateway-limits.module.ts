import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { GatewayConfig } from '@llmgw/config';
import { LIMITS_THROTTLER_STORAGE, type PeekableThrottlerStorage, RateLimitsModule } from '@llmgw/usage';
import { IP_THROTTLER, IpThrottlerGuard } from './ip-throttler.guard';
import { RateLimitHeadersHook } from './rate-limit-headers.hook';

/**
 * The gateway's limits: the per-IP throttler (global guard, /v1 only), the X-RateLimit-* headers,
 * and `AdmissionService` (rate limits and hard budgets per key) for the request path, exported.
 */
@Module({})
export class GatewayLimitsModule {
  static forRoot(options: { distributed: boolean }): DynamicModule {
    const limits = RateLimitsModule.forRoot({ store: options.distributed ? 'redis' : 'in-memory' });
    return {
      module: GatewayLimitsModule,
      imports: [
        limits,
        ThrottlerModule.forRootAsync({
          imports: [limits],
          inject: [LIMITS_THROTTLER_STORAGE, ConfigService],
          useFactory: (storage: PeekableThrottlerStorage, config: ConfigService<GatewayConfig, true>) => ({
            throttlers: [{ name: IP_THROTTLER, ttl: 60_000, limit: config.get('RATE_LIMIT_PER_MINUTE', { infer: true }), blockDuration: 0 }],
            storage,
            setHeaders: false,
          }),
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: IpThrottlerGuard }, RateLimitHeadersHook],
      exports: [limits],
    };
  }
}
