import { TEST_REDIS_URL } from '@llmgw/testing';
import Redis from 'ioredis';
import { RedisExactCacheStore } from '../exact/redis-exact-cache.store';
import { ResponseCache } from '../response-cache';
import type { Embedder } from '../semantic/embedder';
import { RedisVectorLog } from '../semantic/redis-vector-log';
import { SemanticCache, type SemanticCacheSettings } from '../semantic/semantic-cache';
import { SemanticIndex } from '../semantic/semantic-index';

const TEST_REDIS = TEST_REDIS_URL;

/** One gateway replica's cache over a shared Redis prefix, as the module wires it. */
export async function redisReplica(prefix: string, embedder: Embedder, settings: Partial<SemanticCacheSettings> = {}) {
  const redis = new Redis(TEST_REDIS, { maxRetriesPerRequest: 1 });
  const store = new RedisExactCacheStore({ redis, keyPrefix: prefix, maxEntries: 100_000 });
  const log = new RedisVectorLog({ redis, connect: () => new Redis(TEST_REDIS), streamKey: `${prefix}vectors`, maxRecords: 100_000 });
  const semantic = new SemanticCache(embedder, log, new SemanticIndex({ ivfThreshold: 10_000, rebuildInterval: 1_000 }), {
    threshold: 0.8,
    floor: 0.8,
    maxTemperature: 1,
    lexicalGuard: true,
    ...settings,
  });
  await semantic.start();
  const cache = new ResponseCache(store, { enabled: true, defaultTtlSeconds: 600, maxTtlSeconds: 600 }, semantic);
  return {
    cache,
    store,
    semantic,
    async close() {
      await semantic.stop();
      await redis.quit();
    },
  };
}

export async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}
