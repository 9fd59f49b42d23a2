import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { describeCircuitBreakerStoreContract } from './circuit-breaker.store.contract';
import { RedisCircuitBreakerStore } from './redis-circuit-breaker.store';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: false, maxRetriesPerRequest: 1 });
const prefixes: string[] = [];

function uniquePrefix(): string {
  const prefix = `test:cb:${randomUUID()}:`;
  prefixes.push(prefix);
  return prefix;
}

afterAll(async () => {
  for (const prefix of prefixes) await new RedisCircuitBreakerStore({ redis, keyPrefix: prefix }).reset();
  await redis.quit();
});

describeCircuitBreakerStoreContract('redis', () => (config) => new RedisCircuitBreakerStore({ redis, keyPrefix: uniquePrefix(), config }));

describe('RedisCircuitBreakerStore', () => {
  const now = Date.now();

  it('shares state between replicas: failures through one open the breaker for the other, a reset through one closes it for both', async () => {
    const prefix = uniquePrefix();
    const replicaB = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      const a = new RedisCircuitBreakerStore({ redis, keyPrefix: prefix, config: { failureThreshold: 5 } });
      const b = new RedisCircuitBreakerStore({ redis: replicaB, keyPrefix: prefix, config: { failureThreshold: 5 } });
      for (let i = 0; i < 3; i += 1) await a.record('openai:gpt-4o', 'failure', now);
      for (let i = 0; i < 2; i += 1) await b.record('openai:gpt-4o', 'failure', now);
      await expect(a.admit('openai:gpt-4o', now + 1)).resolves.toMatchObject({ allowed: false, state: 'open' });
      await expect(b.admit('openai:gpt-4o', now + 1)).resolves.toMatchObject({ allowed: false, state: 'open' });

      await a.reset('openai:gpt-4o');
      await expect(b.admit('openai:gpt-4o', now + 2)).resolves.toEqual({ allowed: true, state: 'closed' });
      await expect(a.admit('openai:gpt-4o', now + 2)).resolves.toEqual({ allowed: true, state: 'closed' });
    } finally {
      await replicaB.quit();
    }
  });

  it('counts every concurrent failure from many replicas (no lost updates)', async () => {
    const prefix = uniquePrefix();
    const stores = [0, 1, 2].map(() => new RedisCircuitBreakerStore({ redis, keyPrefix: prefix, config: { failureThreshold: 30, minimumRequests: 1_000 } }));
    await Promise.all(Array.from({ length: 29 }, (_, i) => stores[i % 3]!.record('k', 'failure', now)));
    await expect(stores[0]!.snapshot(['k'], now)).resolves.toMatchObject({ k: { state: 'closed', consecutiveFailures: 29 } });
    await expect(stores[1]!.record('k', 'failure', now)).resolves.toBe('open');
  });

  it('keeps keys under the prefix with an idle TTL', async () => {
    const prefix = uniquePrefix();
    const store = new RedisCircuitBreakerStore({ redis, keyPrefix: prefix, config: { idleTtlMs: 300_000 } });
    await store.record('anthropic:claude', 'success', now);
    const ttl = await redis.pttl(`${prefix}anthropic:claude`);
    expect(ttl).toBeGreaterThan(290_000);
    expect(ttl).toBeLessThanOrEqual(300_000);
  });
});
