import { randomUUID } from 'node:crypto';
import { TEST_REDIS_URL } from '@llmgw/testing';
import { describeKeyRevocationBusContract } from './key-revocation.bus.contract';
import { RedisKeyRevocationBus } from './redis-key-revocation.bus';

describeKeyRevocationBusContract('RedisKeyRevocationBus', async () => {
  // A channel per test: parallel workers share the Redis server.
  const channel = `test:api-key-revoked:${randomUUID()}`;
  const publisher = new RedisKeyRevocationBus(TEST_REDIS_URL, channel);
  const subscriber = new RedisKeyRevocationBus(TEST_REDIS_URL, channel);
  return {
    publisher,
    subscriber,
    dispose: async () => {
      await Promise.all([publisher.close(), subscriber.close()]);
    },
  };
});

describe('RedisKeyRevocationBus when Redis is unreachable', () => {
  it('logs instead of throwing', async () => {
    const bus = new RedisKeyRevocationBus('redis://127.0.0.1:1', `test:${randomUUID()}`);
    await expect(bus.publish('lost-key')).resolves.toBeUndefined();
    await bus.close();
  });
});
