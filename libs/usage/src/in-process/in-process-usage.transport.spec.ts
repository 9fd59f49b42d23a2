import { randomUUID } from 'node:crypto';
import type { UsageBatch } from '@llmgw/contracts';
import { usageTransportContract, type UsageTransportHarness } from '../producer/usage-transport.contract';
import { eventually } from '@llmgw/testing';
import { usageEventFixture } from '../testing/usage-event.fixture';
import { InProcessUsageHub, inProcessUsageHub } from './in-process-usage.hub';
import { InProcessUsageTransport } from './in-process-usage.transport';

function recordingConsumer() {
  const delivered: UsageBatch[] = [];
  let failures = 0;
  return {
    delivered,
    failNext: (count: number) => (failures = count),
    consume: async (batch: UsageBatch) => {
      if (failures > 0) {
        failures -= 1;
        throw new Error('database unavailable');
      }
      delivered.push(batch);
    },
  };
}

describe('InProcessUsageTransport', () => {
  usageTransportContract(async (): Promise<UsageTransportHarness> => {
    const hub = new InProcessUsageHub({ retryDelayMs: 10 });
    const consumer = recordingConsumer();
    hub.register(consumer.consume);
    return {
      transport: new InProcessUsageTransport(hub),
      delivered: consumer.delivered,
      failNext: consumer.failNext,
      close: async () => {
        expect(await hub.drain(1_000)).toBe(true);
      },
    };
  });

  describe('its hub', () => {
    const batch = (): UsageBatch => ({ batchId: randomUUID(), events: [usageEventFixture()] });

    it('holds batches sent before the consumer registers, then delivers them', async () => {
      const hub = new InProcessUsageHub();
      const transport = new InProcessUsageTransport(hub);
      const early = batch();
      await transport.send(early);
      const consumer = recordingConsumer();
      hub.register(consumer.consume);
      await eventually('the early batch is delivered', () => consumer.delivered.length === 1);
      expect(consumer.delivered[0]).toEqual(early);
    });

    it('gives up on a batch after the last attempt, and keeps delivering the others', async () => {
      const hub = new InProcessUsageHub({ retryDelayMs: 1, maxAttempts: 3 });
      const doomed = batch();
      const fine = batch();
      const attempts = new Map<string, number>();
      const delivered: string[] = [];
      hub.register(async (seen) => {
        attempts.set(seen.batchId, (attempts.get(seen.batchId) ?? 0) + 1);
        if (seen.batchId === doomed.batchId) throw new Error('poison');
        delivered.push(seen.batchId);
      });
      hub.enqueue(doomed);
      hub.enqueue(fine);
      expect(await hub.drain(1_000)).toBe(true);
      expect(delivered).toEqual([fine.batchId]);
      expect(attempts.get(doomed.batchId)).toBe(3);
    });

    it('drain waits for a retry in progress', async () => {
      const hub = new InProcessUsageHub({ retryDelayMs: 50 });
      const consumer = recordingConsumer();
      hub.register(consumer.consume);
      consumer.failNext(1);
      hub.enqueue(batch());
      expect(await hub.drain(2_000)).toBe(true);
      expect(consumer.delivered).toHaveLength(1);
    });

    it('refuses a second consumer on the same queue', () => {
      const hub = new InProcessUsageHub();
      hub.register(recordingConsumer().consume);
      expect(() => hub.register(recordingConsumer().consume)).toThrow(/already registered/);
    });

    it('is one hub per queue prefix in the process, shared by producer and consumer', () => {
      const prefix = `test-${randomUUID()}`;
      expect(inProcessUsageHub(prefix)).toBe(inProcessUsageHub(prefix));
      expect(inProcessUsageHub(prefix)).not.toBe(inProcessUsageHub(`${prefix}-other`));
    });
  });
});
