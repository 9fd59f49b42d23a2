import { randomUUID } from 'node:crypto';
import { TEST_REDIS_URL } from '@llmgw/testing';
import Redis from 'ioredis';
import { describeAdmissionStoreContract } from './admission.store.contract';
import { RedisAdmissionStore } from './redis-admission.store';

const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
const prefixes: string[] = [];

function uniquePrefix(): string {
  const prefix = `test:limits:${randomUUID()}:`;
  prefixes.push(prefix);
  return prefix;
}

afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.unlink(...keys);
  }
  await redis.quit();
});

describeAdmissionStoreContract('redis', () => () => new RedisAdmissionStore({ redis, keyPrefix: uniquePrefix() }));

describe('RedisAdmissionStore', () => {
  it('holds a request limit across two replicas on their own connections', async () => {
    const prefix = uniquePrefix();
    const replicaB = new Redis(TEST_REDIS_URL);
    try {
      const stores = [new RedisAdmissionStore({ redis, keyPrefix: prefix }), new RedisAdmissionStore({ redis: replicaB, keyPrefix: prefix })];
      const now = Date.now();
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          stores[i % 2]!.admit({ requestId: randomUUID(), now, reservationTtlMs: 60_000, buckets: [{ key: 'rpm:key:k', limit: 20, windowMs: 60_000, cost: 1 }], budgets: [] }),
        ),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'admitted')).toHaveLength(20);
      expect(outcomes.filter((outcome) => outcome.status === 'rate_limited')).toHaveLength(30);
    } finally {
      await replicaB.quit();
    }
  });

  it('lets bucket keys expire once they would be full again, and budget keys after their period', async () => {
    const prefix = uniquePrefix();
    const store = new RedisAdmissionStore({ redis, keyPrefix: prefix });
    const now = Date.now();
    await store.seed([{ key: 'budget:b:day', spentNanoUsd: 0, expiresAt: now + 3_600_000 }]);
    await store.admit({
      requestId: 'r1',
      now,
      reservationTtlMs: 60_000,
      buckets: [{ key: 'rpm:key:k', limit: 20, windowMs: 60_000, cost: 1 }],
      budgets: [{ key: 'budget:b:day', limitNanoUsd: 100, reserveNanoUsd: 10, expiresAt: now + 3_600_000 }],
    });
    const bucketTtl = await redis.pttl(`${prefix}rpm:key:k`);
    expect(bucketTtl).toBeGreaterThan(55_000);
    expect(bucketTtl).toBeLessThanOrEqual(61_000);
    for (const key of [`${prefix}budget:b:day`, `${prefix}budget:b:day:holds`]) {
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(3_500_000);
      expect(ttl).toBeLessThanOrEqual(3_600_000);
    }
  });

});
