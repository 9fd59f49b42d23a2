import type { FactoryProvider, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';

export const READINESS_REDIS = Symbol('READINESS_REDIS');

/**
 * A fail-fast client: a readiness probe must answer "down", not wait for Redis. It connects at
 * boot and reconnects on its own; commands fail at once while it is disconnected.
 */
class ReadinessRedis extends Redis implements OnApplicationShutdown {
  onApplicationShutdown(): void {
    this.disconnect();
  }
}

export function readinessRedisProvider(redisUrl: string): FactoryProvider {
  return {
    provide: READINESS_REDIS,
    useFactory: () => {
      const client = new ReadinessRedis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, disconnectTimeout: 200 });
      client.on('error', () => undefined); // reported by the readiness check itself, not as log noise
      return client;
    },
  };
}
