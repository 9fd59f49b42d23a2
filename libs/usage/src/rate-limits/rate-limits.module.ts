import { CHANNELS } from '@llmgw/contracts';
import { controlChannelProvider } from '@llmgw/control-bus';
import { BudgetChangeChannel, BudgetChangeListener } from '../budgets/budget-change.channel';
import { type DynamicModule, Logger, Module, type OnApplicationShutdown, type OnModuleInit, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig } from '@llmgw/config';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { BudgetDirectory } from '../budgets/budget.directory';
import { BudgetSpendReader } from '../budgets/budget-spend.reader';
import { ADMISSION_SETTINGS, ADMISSION_STORE, AdmissionService } from './admission.service';
import { admissionSettingsFrom } from './admission.settings';
import { InMemoryAdmissionStore } from './in-memory-admission.store';
import { RedisAdmissionStore } from './redis-admission.store';
import { InMemoryThrottlerStorage } from './throttler/in-memory-throttler.storage';
import { RedisThrottlerStorage } from './throttler/redis-throttler.storage';

/** The per-IP throttler's storage (a `PeekableThrottlerStorage`), for `ThrottlerModule.forRootAsync`. */
export const LIMITS_THROTTLER_STORAGE = Symbol('LIMITS_THROTTLER_STORAGE');
const LIMITS_REDIS = Symbol('LIMITS_REDIS');

export interface RateLimitsModuleOptions {
  /** `redis` shares limits between replicas; `in-memory` for standalone mode. */
  store: 'redis' | 'in-memory';
}

type Config = ConfigService<GatewayConfig, true>;

const CONNECT_WAIT_MS = 2_000;

/** The limits' Redis connection: ready before the first request (no offline queue), closed with the app. */
class LimitsRedis implements OnModuleInit, OnApplicationShutdown {
  constructor(readonly redis: Redis | null) {}

  async onModuleInit(): Promise<void> {
    const { redis } = this;
    if (!redis || redis.status === 'ready') return;
    // Boot goes on without Redis after a short wait: admission then follows LIMITS_FAIL_OPEN.
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), CONNECT_WAIT_MS);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!ready) new Logger('RateLimits').warn(`Redis not ready after ${CONNECT_WAIT_MS} ms; limits follow LIMITS_FAIL_OPEN until it is`);
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}

/**
 * The gateway's admission (rate limits and hard budgets) and the per-IP throttler's storage.
 * Needs the global `AppConfigModule` and a TypeORM connection (budgets are read with plain SQL).
 */
@Module({})
export class RateLimitsModule {
  static forRoot(options: RateLimitsModuleOptions): DynamicModule {
    const providers: Provider[] = [
      {
        provide: LIMITS_REDIS,
        inject: [ConfigService],
        useFactory: (config: Config) => {
          if (options.store === 'in-memory') return new LimitsRedis(null);
          // Fail fast: admission answers within the request or fails open/closed per LIMITS_FAIL_OPEN.
          const redis = new Redis(config.get('REDIS_URL', { infer: true }), { enableOfflineQueue: false, maxRetriesPerRequest: 1, disconnectTimeout: 200, enableAutoPipelining: true });
          redis.on('error', () => undefined);
          return new LimitsRedis(redis);
        },
      },
      {
        provide: ADMISSION_STORE,
        inject: [LIMITS_REDIS, ConfigService],
        useFactory: ({ redis }: LimitsRedis, config: Config) =>
          redis ? new RedisAdmissionStore({ redis, keyPrefix: `${config.get('QUEUE_PREFIX', { infer: true })}:limits:` }) : new InMemoryAdmissionStore(),
      },
      {
        provide: LIMITS_THROTTLER_STORAGE,
        inject: [LIMITS_REDIS, ConfigService],
        useFactory: ({ redis }: LimitsRedis, config: Config) =>
          redis ? new RedisThrottlerStorage(redis, `${config.get('QUEUE_PREFIX', { infer: true })}:throttle:`) : new InMemoryThrottlerStorage(),
      },
      {
        provide: ADMISSION_SETTINGS,
        inject: [ConfigService],
        useFactory: (config: Config) =>
          admissionSettingsFrom({
            RATE_LIMIT_PER_USER: config.get('RATE_LIMIT_PER_USER', { infer: true }),
            PROVIDER_RATE_LIMITS: config.get('PROVIDER_RATE_LIMITS', { infer: true }),
            BUDGET_RESERVATION_TTL_SECONDS: config.get('BUDGET_RESERVATION_TTL_SECONDS', { infer: true }),
            LIMITS_FAIL_OPEN: config.get('LIMITS_FAIL_OPEN', { infer: true }),
          }),
      },
      {
        provide: BudgetDirectory,
        inject: [getDataSourceToken(), ConfigService],
        useFactory: (dataSource: DataSource, config: Config) => new BudgetDirectory(dataSource).configure(config.get('BUDGET_CACHE_TTL_MS', { infer: true })),
      },
      controlChannelProvider(BudgetChangeChannel, CHANNELS.budgetsChanged, options.store === 'redis' ? 'redis' : 'in-process'),
      BudgetChangeListener,
      BudgetSpendReader,
      AdmissionService,
    ];
    // Global: the request path (libs/routing) injects AdmissionService wherever it runs.
    return { module: RateLimitsModule, global: true, providers, exports: [AdmissionService, BudgetDirectory, LIMITS_THROTTLER_STORAGE] };
  }
}
