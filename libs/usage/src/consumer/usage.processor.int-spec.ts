import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { QUEUES } from '@llmgw/contracts';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { UsagePublisher } from '../producer/usage.publisher';
import { eventually } from '@llmgw/testing';
import { RecordingObserver } from '../testing/recording-observer';
import { usageEventFixture } from '../testing/usage-event.fixture';
import { openUsageTestDatabase, testServices } from '../testing/usage-test-database';
import { startConsumer, startProducer, type PipelineServices } from '../testing/usage-test-modules';
import { USAGE_BATCH_OBSERVER } from './usage-batch.observer';
import { UsageProcessor } from './usage.processor';

describe('usage over BullMQ: publisher -> real Redis -> UsageProcessor -> Postgres', () => {
  const services: PipelineServices = { ...testServices(process.env), queuePrefix: `test-${randomUUID()}` };
  let dataSource: DataSource;
  let producer: INestApplicationContext;
  let consumer: INestApplicationContext;
  let queue: Queue;

  const stored = async (requestIds: string[]): Promise<number> => {
    const [row] = await dataSource.query('SELECT count(*)::int AS count FROM usage_records WHERE request_id = ANY($1)', [requestIds]);
    return row.count;
  };

  beforeAll(async () => {
    dataSource = await openUsageTestDatabase(services.databaseUrl);
    consumer = await startConsumer(services, { transport: 'bullmq', observer: RecordingObserver }, { WORKER_CONCURRENCY: '3' });
    producer = await startProducer(services, 'bullmq', { USAGE_BATCH_MAX_EVENTS: '5', USAGE_BATCH_INTERVAL_MS: '20' });
    queue = new Queue(QUEUES.usage, { connection: { url: services.redisUrl }, prefix: services.queuePrefix });
  });

  afterAll(async () => {
    await producer.close();
    await consumer.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await dataSource.destroy();
  });

  it('takes its concurrency from WORKER_CONCURRENCY', () => {
    expect(consumer.get(UsageProcessor).worker.concurrency).toBe(3);
  });

  it('stores every published event exactly once', async () => {
    const publisher = producer.get(UsagePublisher);
    const events = Array.from({ length: 12 }, () => usageEventFixture());
    for (const event of events) publisher.publish(event);
    const ids = events.map((event) => event.requestId);
    await eventually('all 12 events are stored', async () => (await stored(ids)) === 12);

    const [row] = await dataSource.query('SELECT cost_nano_usd, model FROM usage_records WHERE request_id = $1', [ids[0]]);
    expect(row).toEqual({ cost_nano_usd: String(events[0]!.costNanoUsd), model: events[0]!.model });
  });

  it('fails an invalid payload at once, without retries, and keeps processing valid batches', async () => {
    const observer = consumer.get<RecordingObserver>(USAGE_BATCH_OBSERVER);
    const poisonId = randomUUID();
    await queue.add('batch', { batchId: poisonId, events: [{ requestId: 'x', promptTokens: -1 }] }, { jobId: poisonId, attempts: 10, backoff: { type: 'fixed', delay: 10 } });
    const valid = [usageEventFixture(), usageEventFixture()];
    for (const event of valid) producer.get(UsagePublisher).publish(event);

    await eventually('the valid events are stored', async () => (await stored(valid.map((event) => event.requestId))) === 2);
    await eventually('the poison job has failed', async () => (await queue.getJob(poisonId))?.finishedOn !== undefined);
    const poison = await queue.getJob(poisonId);
    expect(await poison!.getState()).toBe('failed');
    expect(poison!.attemptsMade).toBe(1);
    expect(poison!.failedReason).toMatch(/invalid usage batch/);
    expect(observer.failed).toContain('invalid');
  });

  it('counts a job processed twice as duplicates, not as new rows', async () => {
    const observer = consumer.get<RecordingObserver>(USAGE_BATCH_OBSERVER);
    const batch = { batchId: randomUUID(), events: [usageEventFixture(), usageEventFixture()] };
    // The same batch under two job ids: what a redelivery after a lost acknowledgement looks like.
    await queue.add('batch', batch, { jobId: `${batch.batchId}-a` });
    await queue.add('batch', batch, { jobId: `${batch.batchId}-b` });
    await eventually('both jobs are done', async () => {
      const jobs = await Promise.all([queue.getJob(`${batch.batchId}-a`), queue.getJob(`${batch.batchId}-b`)]);
      return jobs.every((job) => job?.finishedOn !== undefined);
    });
    expect(await stored(batch.events.map((event) => event.requestId))).toBe(2);
    expect(observer.written).toContainEqual({ inserted: 0, duplicates: 2 });
  });

  it('flushes what is still buffered when the gateway shuts down', async () => {
    const lateProducer = await startProducer(services, 'bullmq', { USAGE_BATCH_MAX_EVENTS: '1000', USAGE_BATCH_INTERVAL_MS: '600000' });
    const event = usageEventFixture();
    lateProducer.get(UsagePublisher).publish(event);
    await lateProducer.close();
    await eventually('the buffered event is stored', async () => (await stored([event.requestId])) === 1);
  });
});
