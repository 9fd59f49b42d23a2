import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { TEST_REDIS_URL } from '@llmgw/testing';
import Redis from 'ioredis';
import { describeThrottlerStorageContract } from './throttler-storage.contract';
import { RedisThrottlerStorage } from './redis-throttler.storage';

const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
afterAll(() => redis.quit());

// Real time: Redis expires the windows itself (the waits are a few hundred ms).
describeThrottlerStorageContract('redis', () => ({ storage: new RedisThrottlerStorage(redis, `test:throttle:${randomUUID()}:`), advance: (ms) => sleep(ms) }));

describe('RedisThrottlerStorage', () => {
  it('counts one window across two replicas', async () => {
    const prefix = `test:throttle:${randomUUID()}:`;
    const other = new Redis(TEST_REDIS_URL);
    try {
      const replicas = [new RedisThrottlerStorage(redis, prefix), new RedisThrottlerStorage(other, prefix)];
      const records = await Promise.all(Array.from({ length: 30 }, (_, i) => replicas[i % 2]!.increment('9.9.9.9', 60_000, 10, 0, 'ip')));
      expect(records.filter((record) => !record.isBlocked)).toHaveLength(10);
      expect(new Set(records.filter((record) => !record.isBlocked).map((record) => record.totalHits))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    } finally {
      await other.quit();
    }
  });
});
