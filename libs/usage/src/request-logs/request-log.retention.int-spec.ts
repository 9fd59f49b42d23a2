import { randomInt, randomUUID } from 'node:crypto';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigModule, costTrackerEnvSchema, loadConfig } from '@llmgw/config';
import { REQUEST_LOG_QUEUE, type RequestLog } from '@llmgw/contracts';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '@llmgw/testing';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { UsageConsumerModule } from '../consumer/usage-consumer.module';
import { USAGE_ENTITIES } from '../records/usage.schema';
import { openUsageTestDatabase } from '../testing/usage-test-database';
import { REQUEST_LOG_RETENTION_JOB, RequestLogProcessor } from './request-log.processor';
import { RequestLogWriter } from './request-log.writer';
import { RequestLogsConsumerModule } from './request-logs-consumer.module';

const DAY_MS = 86_400_000;

@Module({})
class TestRootModule {}

function log(occurredAt: Date): RequestLog {
  return {
    requestId: `req-${randomUUID()}`,
    occurredAt: occurredAt.toISOString(),
    apiKeyId: randomUUID(),
    teamId: null,
    endpoint: 'chat.completions',
    provider: 'mock',
    model: 'mock-small',
    status: 'success',
    httpStatus: 200,
    errorType: null,
    errorMessage: null,
    stream: false,
    latencyMs: 5,
    request: { messages: [{ role: 'user', content: 'hi' }] },
    response: null,
    truncated: false,
  };
}

describe('request-log retention (real Postgres and Redis)', () => {
  let db: DataSource;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    db = await openUsageTestDatabase();
    const config = loadConfig(costTrackerEnvSchema, {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `test-${randomUUID()}`,
      LOG_RETENTION_DAYS: '10',
      USAGE_MAINTENANCE_CRON: '45 4 * * *',
    });
    worker = await NestFactory.createApplicationContext(
      {
        module: TestRootModule,
        imports: [
          AppConfigModule.forRoot(config),
          TypeOrmModule.forRoot({ type: 'postgres', url: config.DATABASE_URL, entities: USAGE_ENTITIES, poolSize: 2, migrationsRun: false }),
          UsageConsumerModule.forRoot({ transport: 'bullmq' }),
          RequestLogsConsumerModule.forRoot({ transport: 'bullmq' }),
        ],
      },
      { logger: ['error'] },
    );
  });

  afterAll(async () => {
    await worker?.close();
    await db?.destroy();
  });

  it('deletes logs older than LOG_RETENTION_DAYS and keeps the newer ones', async () => {
    // "Now" in a year of the 1800s no other suite writes to: only this test's rows are that old.
    const now = new Date(Date.UTC(1800 + randomInt(0, 99), 6, 1));
    const expired = [log(new Date(now.getTime() - 11 * DAY_MS)), log(new Date(now.getTime() - 300 * DAY_MS))];
    const kept = [log(new Date(now.getTime() - 9 * DAY_MS)), log(new Date(now.getTime() - 1_000))];
    expect(await worker.get(RequestLogWriter).write({ batchId: randomUUID(), logs: [...expired, ...kept] })).toBe(4);
    const deleted = await worker.get(RequestLogProcessor).expire(now);
    expect(deleted).toBeGreaterThanOrEqual(2);
    const left: Array<{ request_id: string }> = await db.query('SELECT request_id FROM request_logs WHERE request_id = ANY($1)', [[...expired, ...kept].map((one) => one.requestId)]);
    expect(left.map((row) => row.request_id).sort()).toEqual(kept.map((one) => one.requestId).sort());
  });

  it('is a job scheduler on the maintenance cron, registered once by the worker', async () => {
    const queue = worker.get<Queue>(getQueueToken(REQUEST_LOG_QUEUE));
    let scheduler = await queue.getJobScheduler(REQUEST_LOG_RETENTION_JOB);
    for (let tries = 0; !scheduler && tries < 50; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      scheduler = await queue.getJobScheduler(REQUEST_LOG_RETENTION_JOB);
    }
    expect(scheduler).toMatchObject({ key: REQUEST_LOG_RETENTION_JOB, pattern: '45 4 * * *', tz: 'UTC' });
  });
});
