// Metering benchmarks against the REAL Postgres and Redis, in a scratch database and a unique
// queue prefix (both removed at the end).
//  1. Writer ingest: batches of 500 events through UsageBatchWriter (rows + roll-up, one
//     statement each), sequentially and with 2 writers; target >= 20,000 events/s.
//  2. End-to-end lag: UsagePublisher -> BullMQ -> worker (UsageBatchWriter) -> Postgres at
//     2,000 events/s for 20 s; lag = commit time - occurredAt; target p99 < 2 s.
// Run: BUILD_OUT_DIR=/tmp/build-h3 node tools/build.mjs && node /tmp/build-h3/bench/metering/ingest.bench.js
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { QUEUES, type UsageBatch, type UsageEvent } from '@llmgw/contracts';
import { InMemoryUsageOutbox, USAGE_MIGRATIONS, UsageBatchWriter, UsagePublisher } from '@llmgw/usage';
import { Queue, Worker } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { BullMqUsageTransport } from '../../libs/usage/src/producer/bullmq-usage.transport';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const BATCH = 500;
const INGEST_BATCHES = Number(process.env.BENCH_INGEST_BATCHES ?? 200);
const LAG_RATE = Number(process.env.BENCH_LAG_RATE ?? 2_000);
const LAG_SECONDS = Number(process.env.BENCH_LAG_SECONDS ?? 20);

const keys = Array.from({ length: 50 }, () => randomUUID());
const teams = Array.from({ length: 5 }, () => randomUUID());
const models = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4-5', 'gemini-2.5-flash', 'mistral-small-latest'];

function event(i: number, occurredAt = new Date().toISOString()): UsageEvent {
  return {
    requestId: `bench-${randomUUID()}`, occurredAt, apiKeyId: keys[i % keys.length]!, teamId: teams[i % teams.length]!,
    endpoint: '/v1/chat/completions', provider: 'openai', model: models[i % models.length]!, status: i % 50 === 0 ? 'error' : 'success',
    httpStatus: 200, errorType: null, promptTokens: 100 + (i % 900), completionTokens: 50 + (i % 400), costNanoUsd: 12_345 + i,
    usageSource: 'provider', stream: i % 2 === 0, latencyMs: 200 + (i % 800), timeToFirstTokenMs: null,
    cacheResult: i % 10 === 0 ? 'exact' : 'none', savedCostNanoUsd: 0, fallbackCount: 0, taskType: null, guardrailActions: [],
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

async function ingest(writer: UsageBatchWriter, writers: number): Promise<void> {
  const batches: UsageBatch[] = Array.from({ length: INGEST_BATCHES }, (_, b) => ({
    batchId: randomUUID(), events: Array.from({ length: BATCH }, (_, i) => event(b * BATCH + i)),
  }));
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let b = next++; b < batches.length; b = next++) {
        const t0 = performance.now();
        const result = await writer.write(batches[b]!);
        durations.push(performance.now() - t0);
        if (result.inserted !== BATCH) throw new Error(`batch ${b}: inserted ${result.inserted}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  durations.sort((a, b) => a - b);
  const events = INGEST_BATCHES * BATCH;
  console.log(
    `ingest, ${writers} writer(s): ${events} events in ${seconds.toFixed(2)} s = ${Math.round(events / seconds)} events/s ` +
      `(target >= 20000); ms per batch of ${BATCH}: p50 ${percentile(durations, 0.5).toFixed(1)}, p99 ${percentile(durations, 0.99).toFixed(1)}`,
  );
  // A replay of the same batches: all duplicates, nothing added.
  const t0 = performance.now();
  const replay = await writer.write(batches[0]!);
  console.log(`  replayed batch: inserted ${replay.inserted}, duplicates ${replay.duplicates} in ${(performance.now() - t0).toFixed(1)} ms`);
}

async function lag(dataSource: DataSource): Promise<void> {
  const prefix = `bench-${randomUUID()}`;
  const writer = new UsageBatchWriter(dataSource);
  const lags: number[] = [];
  const worker = new Worker(
    QUEUES.usage,
    async (job) => {
      const batch = job.data as UsageBatch;
      await writer.write(batch);
      const committed = Date.now();
      for (const usage of batch.events) lags.push(committed - Date.parse(usage.occurredAt));
    },
    { connection: { url: REDIS_URL, maxRetriesPerRequest: null }, prefix, concurrency: 2 },
  );
  worker.on('error', (error) => console.error(`worker: ${error.message}`));
  const transport = new BullMqUsageTransport({ redisUrl: REDIS_URL, prefix });
  const publisher = new UsagePublisher(transport, { maxEvents: BATCH, intervalMs: 100 }, new InMemoryUsageOutbox(1_000_000));
  const total = LAG_RATE * LAG_SECONDS;
  const started = Date.now();
  let sent = 0;
  // Open loop: every 10 ms publish what the schedule says should have been published by now.
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * LAG_RATE));
      for (; sent < due; sent += 1) publisher.publish(event(sent));
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 10);
  });
  await publisher.flush();
  const deadline = Date.now() + 30_000;
  while (lags.length < total && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  lags.sort((a, b) => a - b);
  console.log(
    `end-to-end at ${LAG_RATE} events/s for ${LAG_SECONDS} s: ${lags.length}/${total} stored; lag occurredAt -> committed ` +
      `p50 ${percentile(lags, 0.5)} ms, p99 ${percentile(lags, 0.99)} ms, max ${lags[lags.length - 1]} ms (target p99 < 2000 ms)`,
  );
  await worker.close();
  await transport.close();
  const queue = new Queue(QUEUES.usage, { connection: { url: REDIS_URL }, prefix });
  await queue.obliterate({ force: true });
  await queue.close();
}

async function main(): Promise<void> {
  const database = `llmgw_bench_${process.pid}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const dataSource = new DataSource({ type: 'postgres', url: url.toString(), migrations: USAGE_MIGRATIONS, extra: { max: 4 } });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations();
    const writer = new UsageBatchWriter(dataSource);
    await ingest(writer, 1);
    await ingest(writer, 2);
    await lag(dataSource);
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
