import { randomUUID } from 'node:crypto';
import { TEST_REDIS_URL } from '@llmgw/testing';
import { describeControlChannelContract } from './control-channel.contract';
import { RedisControlChannel } from './redis-control-channel';

describeControlChannelContract('RedisControlChannel', async () => {
  // A channel per test: parallel workers share the Redis server.
  const channel = `test:control:${randomUUID()}`;
  const publisher = new RedisControlChannel(TEST_REDIS_URL, channel);
  const subscriber = new RedisControlChannel(TEST_REDIS_URL, channel);
  return {
    publisher,
    subscriber,
    dispose: async () => {
      await Promise.all([publisher.close(), subscriber.close()]);
    },
  };
});

describe('RedisControlChannel when Redis is unreachable', () => {
  it('logs instead of throwing', async () => {
    const bus = new RedisControlChannel('redis://127.0.0.1:1', `test:${randomUUID()}`);
    await expect(bus.publish('lost-key')).resolves.toBeUndefined();
    await bus.close();
  });
});
