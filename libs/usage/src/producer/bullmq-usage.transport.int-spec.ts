import { randomUUID } from 'node:crypto';
import { QUEUES, type UsageBatch } from '@llmgw/contracts';
import { Queue, Worker } from 'bullmq';
import { usageEventFixture } from '../testing/usage-event.fixture';
import { testServices } from '../testing/usage-test-database';
import { BullMqUsageTransport } from './bullmq-usage.transport';
import { InMemoryUsageOutbox } from './outbox/in-memory-usage.outbox';
import { UsagePublisher } from './usage.publisher';
import { usageTransportContract, type UsageTransportHarness } from './usage-transport.contract';

const REDIS_URL = testServices(process.env).redisUrl;

/** Removes every key of a test queue (each harness has its own prefix). */
async function obliterate(prefix: string): Promise<void> {
  const queue = new Queue(QUEUES.usage, { connection: { url: REDIS_URL }, prefix });
  await queue.obliterate({ force: true });
  await queue.close();
}

describe('BullMqUsageTransport', () => {
  usageTransportContract(async (): Promise<UsageTransportHarness> => {
    const prefix = `test-${randomUUID()}`;
    const delivered: UsageBatch[] = [];
    let failures = 0;
    const transport = new BullMqUsageTransport({ redisUrl: REDIS_URL, prefix });
    const worker = new Worker(
      QUEUES.usage,
      async (job) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('database unavailable');
        }
        delivered.push(job.data as UsageBatch);
      },
      { connection: { url: REDIS_URL, maxRetriesPerRequest: null }, prefix, concurrency: 1 },
    );
    return {
      transport,
      delivered,
      failNext: (count) => (failures = count),
      close: async () => {
        await worker.close();
        await transport.close();
        await obliterate(prefix);
      },
    };
  });

  it('queues one job per batch, keyed by the batch id, with retries and retention', async () => {
    const prefix = `test-${randomUUID()}`;
    const transport = new BullMqUsageTransport({ redisUrl: REDIS_URL, prefix });
    const inspector = new Queue(QUEUES.usage, { connection: { url: REDIS_URL }, prefix });
    try {
      const batch: UsageBatch = { batchId: randomUUID(), events: [usageEventFixture()] };
      await transport.send(batch);
      const job = await inspector.getJob(batch.batchId);
      expect(job?.data).toEqual(batch);
      expect(job?.opts).toMatchObject({ attempts: 10, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: 5000 });
    } finally {
      await transport.close();
      await inspector.obliterate({ force: true });
      await inspector.close();
    }
  });

  describe('when Redis is unreachable', () => {
    const unreachable = 'redis://127.0.0.1:1';

    it('refuses a batch quickly instead of hanging', async () => {
      const transport = new BullMqUsageTransport({ redisUrl: unreachable, prefix: 'test-down', sendTimeoutMs: 500 });
      const started = Date.now();
      await expect(transport.send({ batchId: randomUUID(), events: [usageEventFixture()] })).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(2_000);
      await transport.close();
    });

    it('leaves the batch with the publisher, which still never throws', async () => {
      const transport = new BullMqUsageTransport({ redisUrl: unreachable, prefix: 'test-down', sendTimeoutMs: 300 });
      const publisher = new UsagePublisher(transport, { maxEvents: 10, intervalMs: 50 }, new InMemoryUsageOutbox(1_000));
      expect(() => publisher.publish(usageEventFixture())).not.toThrow();
      await publisher.flush();
      expect(publisher.pendingEvents).toBe(1);
      await publisher.onModuleDestroy();
      await transport.close();
    });
  });
});
