import { randomUUID } from 'node:crypto';
import { ConfigValidationError } from '@llmgw/config';
import { QUEUES, type UsageBatch } from '@llmgw/contracts';
import { migrateDatabase } from '@llmgw/database';
import { eventually, TEST_DATABASE_URL, TEST_REDIS_URL } from '@llmgw/testing';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { bootstrapCostTracker, type RunningCostTracker } from './main';

const event = (requestId: string) => ({
  requestId,
  occurredAt: new Date().toISOString(),
  apiKeyId: null,
  teamId: null,
  endpoint: '/v1/chat/completions',
  provider: 'mock',
  model: 'mock-1',
  status: 'success' as const,
  httpStatus: 200,
  errorType: null,
  promptTokens: 3,
  completionTokens: 4,
  costNanoUsd: 5,
  usageSource: 'provider' as const,
  stream: false,
  latencyMs: 6,
  timeToFirstTokenMs: null,
  cacheResult: 'none' as const,
  savedCostNanoUsd: 0,
  fallbackCount: 0,
  taskType: null,
  guardrailActions: [],
});


describe('cost-tracker app (real Postgres and Redis)', () => {
  const prefix = `test-${randomUUID()}`;
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_POOL_SIZE: '2',
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    COST_TRACKER_HOST: '127.0.0.1',
    COST_TRACKER_PORT: '0',
  };
  let db: Client;
  let worker: RunningCostTracker;
  let queue: Queue;

  beforeAll(async () => {
    await migrateDatabase(TEST_DATABASE_URL); // what the deployment's migration job does
    db = new Client({ connectionString: TEST_DATABASE_URL });
    await db.connect();
    worker = await bootstrapCostTracker(env);
    queue = new Queue(QUEUES.usage, { connection: { url: TEST_REDIS_URL }, prefix });
  });

  afterAll(async () => {
    await worker.app.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await db.end();
  });

  it('answers liveness and readiness (Postgres and Redis up)', async () => {
    expect(await (await fetch(`${worker.url}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${worker.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('consumes a queued batch into usage_records and counts it in /metrics', async () => {
    const batch: UsageBatch = { batchId: randomUUID(), events: [event(`req-${randomUUID()}`), event(`req-${randomUUID()}`)] };
    await queue.add('batch', batch, { jobId: batch.batchId });
    const ids = batch.events.map((usage) => usage.requestId);
    await eventually('both events are stored', async () => {
      const { rows } = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM usage_records WHERE request_id = ANY($1)', [ids]);
      return rows[0]?.count === 2;
    });
    const metrics = await (await fetch(`${worker.url}/metrics`)).text();
    expect(metrics).toMatch(/^llmgw_worker_events_ingested_total [1-9]\d*$/m);
    expect(metrics).toMatch(/^llmgw_worker_duplicate_events_total \d+$/m);
    expect(metrics).toMatch(/^llmgw_worker_batch_duration_seconds_count [1-9]\d*$/m);
    expect(metrics).toContain('# TYPE llmgw_worker_batches_failed_total counter');
  });

  it('refuses to boot on a bad configuration, naming the variable', async () => {
    await expect(bootstrapCostTracker({ ...env, WORKER_CONCURRENCY: 'many' })).rejects.toThrow(ConfigValidationError);
    await expect(bootstrapCostTracker({ ...env, WORKER_CONCURRENCY: 'many' })).rejects.toThrow(/WORKER_CONCURRENCY/);
  });

  it('reports not ready while Redis is down, and still shuts down promptly', async () => {
    const cut = await bootstrapCostTracker({ ...env, REDIS_URL: 'redis://127.0.0.1:1', QUEUE_PREFIX: `test-${randomUUID()}` }, { ownsProcess: false });
    try {
      const ready = await fetch(`${cut.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ error: { redis: { status: 'down' } }, info: { database: { status: 'up' } } });
    } finally {
      const started = Date.now();
      await cut.app.close();
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  });

  it('runs without Redis in standalone mode: readiness checks Postgres only', async () => {
    const standalone = await bootstrapCostTracker(
      { ...env, REDIS_URL: 'redis://127.0.0.1:1', QUEUE_PREFIX: `test-${randomUUID()}` },
      { transport: 'in-process', ownsProcess: false },
    );
    try {
      const ready = await fetch(`${standalone.url}/health/ready`);
      expect(ready.status).toBe(200);
      const body = (await ready.json()) as { info: Record<string, unknown> };
      expect(Object.keys(body.info)).toEqual(['database']);
    } finally {
      await standalone.app.close();
    }
  });
});
