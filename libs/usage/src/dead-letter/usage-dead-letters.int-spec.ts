import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { QUEUES, type UsageBatch } from '@llmgw/contracts';
import { eventually } from '@llmgw/testing';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { usageEventFixture } from '../testing/usage-event.fixture';
import { openUsageTestDatabase, testServices } from '../testing/usage-test-database';
import { startConsumer, type PipelineServices } from '../testing/usage-test-modules';
import { BullMqUsageDeadLetters } from './bullmq-usage-dead-letters';

describe('usage dead letters (real Redis and Postgres)', () => {
  const services: PipelineServices = { ...testServices(process.env), queuePrefix: `test-${randomUUID()}` };
  let dataSource: DataSource;
  let consumer: INestApplicationContext;
  let usage: Queue;
  let deadLetterQueue: Queue;
  let deadLetters: BullMqUsageDeadLetters;

  const stored = async (batch: UsageBatch): Promise<number> => {
    const [row] = await dataSource.query('SELECT count(*)::int AS count FROM usage_records WHERE request_id = ANY($1)', [batch.events.map((event) => event.requestId)]);
    return row.count;
  };
  const batchOf = (size: number): UsageBatch => ({ batchId: randomUUID(), events: Array.from({ length: size }, () => usageEventFixture()) });
  /** Valid by the contract, refused by Postgres (text cannot hold NUL): fails on every attempt. */
  const poisonedBatch = (): UsageBatch => ({ batchId: randomUUID(), events: [usageEventFixture({ model: 'bad\u0000model' })] });

  beforeAll(async () => {
    dataSource = await openUsageTestDatabase();
    consumer = await startConsumer(services, { transport: 'bullmq' });
    usage = new Queue(QUEUES.usage, { connection: { url: services.redisUrl }, prefix: services.queuePrefix });
    deadLetterQueue = new Queue(QUEUES.usageDeadLetter, { connection: { url: services.redisUrl }, prefix: services.queuePrefix });
    deadLetters = new BullMqUsageDeadLetters({ redisUrl: services.redisUrl, prefix: services.queuePrefix, retry: { attempts: 2, backoffMs: 10 } });
  });

  afterAll(async () => {
    await consumer.close();
    await deadLetters.onApplicationShutdown();
    for (const queue of [usage, deadLetterQueue]) {
      await queue.obliterate({ force: true });
      await queue.close();
    }
    await dataSource.destroy();
  });

  it('moves a batch that exhausted its attempts to the dead-letter queue, with the reason', async () => {
    const batch = poisonedBatch();
    await usage.add('batch', batch, { jobId: batch.batchId, attempts: 3, backoff: { type: 'exponential', delay: 10 } });
    await eventually('the batch is dead-lettered', async () => (await deadLetterQueue.getJob(batch.batchId)) !== undefined, 15_000);
    const job = await usage.getJob(batch.batchId);
    expect(await job!.getState()).toBe('failed');
    expect(job!.attemptsMade).toBe(3);
    const page = await deadLetters.list(0, 50);
    expect(page.data).toContainEqual(expect.objectContaining({ id: batch.batchId, batch_id: batch.batchId, events: 1, attempts_made: 3, failed_reason: expect.stringMatching(/0x00|invalid byte/) }));
  });

  it('does not dead-letter a batch that is stored', async () => {
    const batch = batchOf(2);
    await usage.add('batch', batch, { jobId: batch.batchId, attempts: 3 });
    await eventually('the batch is stored', async () => (await stored(batch)) === 2);
    expect(await deadLetterQueue.getJob(batch.batchId)).toBeUndefined();
  });

  it('lists dead letters a page at a time, oldest first', async () => {
    const ids: string[] = Array.from({ length: 5 }, () => randomUUID());
    for (const id of ids) await deadLetterQueue.add('dead-letter', { payload: batchOf(1), failedReason: 'x', attemptsMade: 1, failedAt: new Date().toISOString() }, { jobId: id });
    const all: string[] = (await deadLetters.list(0, 1000)).data.map((letter) => letter.id);
    const mine = all.filter((id) => ids.includes(id));
    expect(mine).toEqual(ids);
    const start = all.indexOf(ids[0]!);
    const page = await deadLetters.list(start + 1, 2);
    expect(page.data.map((letter) => letter.id)).toEqual(ids.slice(1, 3));
    expect(page).toMatchObject({ object: 'list', offset: start + 1, limit: 2, total: all.length });
  });

  it('replays one dead letter into the usage queue: stored, and gone from the list', async () => {
    const batch = batchOf(3);
    const id = randomUUID();
    await deadLetterQueue.add('dead-letter', { payload: batch, failedReason: 'database down', attemptsMade: 10, failedAt: new Date().toISOString() }, { jobId: id });
    expect(await deadLetters.replay(id)).toBe(true);
    await eventually('the replayed batch is stored', async () => (await stored(batch)) === 3);
    expect(await deadLetterQueue.getJob(id)).toBeUndefined();
    expect(await deadLetters.replay(id)).toBe(false);
  });

  it('replays all dead letters, and a replay twice stores nothing twice', async () => {
    const batches = [batchOf(1), batchOf(2)];
    for (const batch of batches) {
      const payload = { payload: batch, failedReason: 'database down', attemptsMade: 10, failedAt: new Date().toISOString() };
      await deadLetterQueue.add('dead-letter', payload, { jobId: `${batch.batchId}-a` });
      await deadLetterQueue.add('dead-letter', payload, { jobId: `${batch.batchId}-b` });
    }
    expect(await deadLetters.replayAll()).toBeGreaterThanOrEqual(4);
    await eventually('the replayed batches are stored', async () => (await stored(batches[0]!)) === 1 && (await stored(batches[1]!)) === 2);
    const left = (await deadLetters.list(0, 1000)).data.map((letter) => letter.batch_id);
    expect(left).not.toContain(batches[0]!.batchId);
    expect(left).not.toContain(batches[1]!.batchId);
  });
});
