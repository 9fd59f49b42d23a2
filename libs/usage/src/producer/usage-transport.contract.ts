// The one behaviour every UsageTransport must have, written once and run against each
// implementation (in-process as a unit spec, BullMQ as an int-spec on the real Redis).
import { randomUUID } from 'node:crypto';
import type { UsageBatch } from '@llmgw/contracts';
import { eventually } from '@llmgw/testing';
import { usageEventFixture } from '../testing/usage-event.fixture';
import type { UsageTransport } from './usage-transport';

export interface UsageTransportHarness {
  transport: UsageTransport;
  /** What the consumer on the other side received, one entry per successful delivery. */
  delivered: UsageBatch[];
  /** Makes the consumer throw on its next `count` deliveries. */
  failNext(count: number): void;
  close(): Promise<void>;
}

const batchOf = (size: number): UsageBatch => ({
  batchId: randomUUID(),
  events: Array.from({ length: size }, () => usageEventFixture()),
});

export function usageTransportContract(open: () => Promise<UsageTransportHarness>): void {
  let harness: UsageTransportHarness;
  const deliveriesOf = (batch: UsageBatch) => harness.delivered.filter((seen) => seen.batchId === batch.batchId);

  beforeEach(async () => {
    harness = await open();
  });

  afterEach(async () => {
    await harness.close();
  });

  it('delivers a sent batch to the consumer, intact', async () => {
    const batch = batchOf(3);
    await harness.transport.send(batch);
    await eventually('the batch is delivered', () => deliveriesOf(batch).length === 1);
    expect(deliveriesOf(batch)[0]).toEqual(batch);
  });

  it('delivers every batch of a burst sent at once', async () => {
    const batches = Array.from({ length: 20 }, () => batchOf(2));
    await Promise.all(batches.map((batch) => harness.transport.send(batch)));
    await eventually('all 20 batches are delivered', () => batches.every((batch) => deliveriesOf(batch).length === 1));
  });

  it('delivers a re-sent batch (same batch id) only once', async () => {
    const batch = batchOf(2);
    await harness.transport.send(batch);
    await eventually('the batch is delivered', () => deliveriesOf(batch).length === 1);
    await harness.transport.send(batch);
    // Deliveries are in order: once a later batch arrives, a duplicate would have arrived too.
    const marker = batchOf(1);
    await harness.transport.send(marker);
    await eventually('the marker batch is delivered', () => deliveriesOf(marker).length === 1);
    expect(deliveriesOf(batch)).toHaveLength(1);
  });

  it('delivers again a batch whose consumer failed', async () => {
    harness.failNext(1);
    const batch = batchOf(2);
    await harness.transport.send(batch);
    await eventually('the batch is redelivered after the failure', () => deliveriesOf(batch).length === 1, 15_000);
    expect(deliveriesOf(batch)[0]).toEqual(batch);
  });
}
