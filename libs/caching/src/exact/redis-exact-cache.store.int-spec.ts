import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { answerFixture, describeExactCacheStoreContract } from './exact-cache.store.contract';
import { RedisExactCacheStore } from './redis-exact-cache.store';

const redis = new Redis(process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
const prefixes: string[] = [];

function uniquePrefix(): string {
  const prefix = `test:cache:${randomUUID()}:`;
  prefixes.push(prefix);
  return prefix;
}

afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis.quit();
});

describeExactCacheStoreContract('redis', () => (maxEntries = 1_000) => new RedisExactCacheStore({ redis, keyPrefix: uniquePrefix(), maxEntries }));

describe('RedisExactCacheStore', () => {
  it('shares entries and counters between replicas', async () => {
    const prefix = uniquePrefix();
    const other = new Redis(process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      const a = new RedisExactCacheStore({ redis, keyPrefix: prefix, maxEntries: 10 });
      const b = new RedisExactCacheStore({ redis: other, keyPrefix: prefix, maxEntries: 10 });
      await a.set({ tenant: 'team:x', key: 'k' }, { answer: answerFixture('shared'), prompt: 'p' }, 60_000, Date.now());
      await expect(b.get({ tenant: 'team:x', key: 'k' }, Date.now(), 'exact')).resolves.toMatchObject({ answer: { provider: 'openai' } });
      await expect(a.counters(Date.now())).resolves.toMatchObject({ entries: 1, exactHits: 1 });
    } finally {
      await other.quit();
    }
  });

  it('keeps the entry under the prefix with the requested TTL', async () => {
    const prefix = uniquePrefix();
    const store = new RedisExactCacheStore({ redis, keyPrefix: prefix, maxEntries: 10 });
    await store.set({ tenant: 'team:x', key: 'ttl' }, { answer: answerFixture('t'), prompt: 'p' }, 300_000, Date.now());
    const ttl = await redis.pttl(`${prefix}e:team:x|ttl`);
    expect(ttl).toBeGreaterThan(290_000);
    expect(ttl).toBeLessThanOrEqual(300_000);
  });
});
