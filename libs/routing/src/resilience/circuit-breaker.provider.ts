import type { FactoryProvider, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig } from '@llmgw/config';
import Redis from 'ioredis';
import { BatchingCircuitBreakerStore } from './batching-circuit-breaker.store';
import { circuitBreakerConfig, DEFAULT_CIRCUIT_BREAKER_CONFIG } from './circuit-breaker';
import type { CircuitBreakerStore, SuccessBatchingStore } from './circuit-breaker.store';
import { InMemoryCircuitBreakerStore } from './in-memory-circuit-breaker.store';
import { RedisCircuitBreakerStore } from './redis-circuit-breaker.store';
import { ObservedCircuitBreakerStore } from './observed-circuit-breaker.store';
import { GatewayMetrics } from '@llmgw/observability';

export const CIRCUIT_BREAKER_STORE = Symbol('CIRCUIT_BREAKER_STORE');

// Standalone mode runs the gateway and the admin API in one process: one store serves both.
let processStore: InMemoryCircuitBreakerStore | null = null;
function inProcessStore(config?: Parameters<typeof circuitBreakerConfig>[0]): InMemoryCircuitBreakerStore {
  processStore ??= new InMemoryCircuitBreakerStore(config);
  return processStore;
}

function redisStore(redisUrl: string, queuePrefix: string, config?: ReturnType<typeof circuitBreakerConfig>): SuccessBatchingStore {
  // Fail fast: a breaker that cannot answer lets the call through (the executor fails open).
  // Auto-pipelining: concurrent requests' breaker commands share one socket write (profiled hot spot).
  const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, disconnectTimeout: 200, enableAutoPipelining: true });
  redis.on('error', () => undefined);
  return new ClosingRedisCircuitBreakerStore(redis, { redis, keyPrefix: `${queuePrefix}:cb:`, ...(config ? { config } : {}) });
}

/** The same state for the control plane: reading and resetting breakers needs no thresholds. */
export function circuitBreakerAdminStoreProvider(store: 'redis' | 'in-memory'): FactoryProvider<CircuitBreakerStore> {
  return {
    provide: CIRCUIT_BREAKER_STORE,
    inject: [ConfigService],
    useFactory: (config: ConfigService<{ REDIS_URL: string; QUEUE_PREFIX: string }, true>) =>
      store === 'in-memory' ? inProcessStore() : redisStore(config.get('REDIS_URL', { infer: true }), config.get('QUEUE_PREFIX', { infer: true })),
  };
}

/** Closes the Redis connection the shared breaker state travels on. */
class ClosingRedisCircuitBreakerStore extends RedisCircuitBreakerStore implements OnApplicationShutdown {
  constructor(
    private readonly connection: Redis,
    ...rest: ConstructorParameters<typeof RedisCircuitBreakerStore>
  ) {
    super(...rest);
  }

  onApplicationShutdown(): void {
    this.connection.disconnect();
  }
}

/**
 * Breaker state in Redis when distributed (what one replica learns protects all), in memory when
 * standalone. Keys are namespaced by QUEUE_PREFIX, so deployments sharing a Redis stay apart.
 */
export function circuitBreakerStoreProvider(store: 'redis' | 'in-memory'): FactoryProvider<CircuitBreakerStore> {
  return {
    provide: CIRCUIT_BREAKER_STORE,
    inject: [ConfigService, GatewayMetrics],
    useFactory: (config: ConfigService<GatewayConfig, true>, metrics: GatewayMetrics) =>
      new ObservedCircuitBreakerStore(gatewayStore(store, config), metrics),
  };
}

function gatewayStore(store: 'redis' | 'in-memory', config: ConfigService<GatewayConfig, true>): CircuitBreakerStore {
  const recoveryTimeoutMs = config.get('CIRCUIT_BREAKER_RECOVERY_TIMEOUT', { infer: true }) * 1000;
  const breakerConfig = circuitBreakerConfig({
    failureThreshold: config.get('CIRCUIT_BREAKER_FAILURE_THRESHOLD', { infer: true }),
    recoveryTimeoutMs,
    successThreshold: config.get('CIRCUIT_BREAKER_SUCCESS_THRESHOLD', { infer: true }),
    // Idle state may expire only once nothing in it can still matter.
    idleTtlMs: Math.max(DEFAULT_CIRCUIT_BREAKER_CONFIG.idleTtlMs, DEFAULT_CIRCUIT_BREAKER_CONFIG.windowMs + recoveryTimeoutMs + 60_000),
  });
  if (store === 'in-memory') return inProcessStore(breakerConfig);
  const shared = redisStore(config.get('REDIS_URL', { infer: true }), config.get('QUEUE_PREFIX', { infer: true }), breakerConfig);
  const syncMs = config.get('CIRCUIT_BREAKER_SYNC_MS', { infer: true });
  return syncMs > 0 ? new BatchingCircuitBreakerStore(shared, { syncMs }) : shared;
}
