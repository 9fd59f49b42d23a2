import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { USAGE_BATCH_OBSERVER } from '../consumer/usage-batch.observer';
import { UsagePublisher } from '../producer/usage.publisher';
import { eventually } from '@llmgw/testing';
import { RecordingObserver } from '../testing/recording-observer';
import { usageEventFixture } from '../testing/usage-event.fixture';
import { openUsageTestDatabase, testServices } from '../testing/usage-test-database';
import { startConsumer, startProducer, type PipelineServices } from '../testing/usage-test-modules';

// Standalone mode: gateway and cost-tracker in ONE process, no Redis; batches meet in the hub.
describe('usage in process: publisher -> in-process hub -> writer -> Postgres', () => {
  let dataSource: DataSource;
  const unreachableRedis = 'redis://127.0.0.1:1'; // proves nothing here touches Redis

  const stored = async (requestIds: string[]): Promise<number> => {
    const [row] = await dataSource.query('SELECT count(*)::int AS count FROM usage_records WHERE request_id = ANY($1)', [requestIds]);
    return row.count;
  };
  const servicesFor = (): PipelineServices => ({ ...testServices(process.env), redisUrl: unreachableRedis, queuePrefix: `test-${randomUUID()}` });

  beforeAll(async () => {
    dataSource = await openUsageTestDatabase(testServices(process.env).databaseUrl);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('stores published events, whichever app boots first', async () => {
    const services = servicesFor();
    const producer = await startProducer(services, 'in-process', { USAGE_BATCH_INTERVAL_MS: '20' });
    const events = [usageEventFixture(), usageEventFixture(), usageEventFixture()];
    for (const event of events) producer.get(UsagePublisher).publish(event);
    await producer.get(UsagePublisher).flush(); // accepted by the hub before any consumer exists
    const consumer = await startConsumer(services, { transport: 'in-process', observer: RecordingObserver });
    try {
      await eventually('the events are stored', async () => (await stored(events.map((event) => event.requestId))) === 3);
      expect(consumer.get<RecordingObserver>(USAGE_BATCH_OBSERVER).written).toEqual([{ inserted: 3, duplicates: 0 }]);
    } finally {
      await producer.close();
      await consumer.close();
    }
  });

  it('loses nothing on shutdown: the gateway flushes, then the worker drains before closing the database', async () => {
    const services = servicesFor();
    const consumer = await startConsumer(services, { transport: 'in-process' });
    const producer = await startProducer(services, 'in-process', { USAGE_BATCH_MAX_EVENTS: '1000', USAGE_BATCH_INTERVAL_MS: '600000' });
    const events = Array.from({ length: 25 }, () => usageEventFixture());
    for (const event of events) producer.get(UsagePublisher).publish(event);
    await producer.close();
    await consumer.close();
    expect(await stored(events.map((event) => event.requestId))).toBe(25);
  });
});
