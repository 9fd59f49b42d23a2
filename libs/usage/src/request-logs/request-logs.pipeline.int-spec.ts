import { randomUUID } from 'node:crypto';
import { type DynamicModule, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigModule, costTrackerEnvSchema, gatewayEnvSchema, loadConfig } from '@llmgw/config';
import { GatewayError, REQUEST_LOG_QUEUE, type ChatCompletion } from '@llmgw/contracts';
import { eventually, TEST_DATABASE_URL, TEST_REDIS_URL } from '@llmgw/testing';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { UsageConsumerModule } from '../consumer/usage-consumer.module';
import { USAGE_ENTITIES } from '../records/usage.schema';
import { openUsageTestDatabase } from '../testing/usage-test-database';
import { REQUEST_LOG_RETENTION_JOB } from './request-log.processor';
import { RequestLogRecorder, type RequestLogInput } from './request-log.recorder';
import { RequestLogsConsumerModule } from './request-logs-consumer.module';
import { RequestLogsProducerModule } from './request-logs-producer.module';

// Gateway recorder -> queue (BullMQ on the real Redis, or the in-process hub) -> worker -> Postgres.

const EMAIL = 'jane.doe@example.com';
const SECRET = 'AKIAIOSFODNN7EXAMPLE';
const CARD = '4111 1111 1111 1111';

@Module({})
class TestRootModule {}

const boot = (imports: DynamicModule['imports']): Promise<INestApplicationContext> =>
  NestFactory.createApplicationContext({ module: TestRootModule, imports }, { logger: ['error'] });

function startGateway(prefix: string, transport: 'bullmq' | 'in-process', env: Record<string, string>) {
  const config = loadConfig(gatewayEnvSchema, { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, ...env });
  return boot([AppConfigModule.forRoot(config), RequestLogsProducerModule.forRoot({ transport })]);
}

function startWorker(prefix: string, transport: 'bullmq' | 'in-process', env: Record<string, string> = {}) {
  const config = loadConfig(costTrackerEnvSchema, { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, ...env });
  return boot([
    AppConfigModule.forRoot(config),
    TypeOrmModule.forRoot({ type: 'postgres', url: config.DATABASE_URL, entities: USAGE_ENTITIES, poolSize: 2, migrationsRun: false }),
    UsageConsumerModule.forRoot({ transport }),
    RequestLogsConsumerModule.forRoot({ transport }),
  ]);
}

function completion(content: string): ChatCompletion {
  return {
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: 1,
    model: 'mock-small',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
  };
}

function call(overrides: Partial<RequestLogInput> = {}): RequestLogInput {
  return {
    requestId: `req-${randomUUID()}`,
    apiKeyId: randomUUID(),
    teamId: randomUUID(),
    endpoint: 'chat.completions',
    model: 'mock-small',
    provider: 'mock',
    stream: false,
    latencyMs: 42,
    request: {
      model: 'mock-small',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: `I am ${EMAIL}, card ${CARD}, key ${SECRET}. ${'Please summarise this. '.repeat(400)}` },
      ],
    },
    response: completion(`Noted, ${EMAIL}.`),
    error: null,
    ...overrides,
  };
}

describe('request logs: recorder -> queue -> worker -> Postgres (real Redis and Postgres)', () => {
  let db: DataSource;
  const rowOf = async (requestId: string): Promise<Record<string, unknown> | undefined> =>
    (await db.query('SELECT * FROM request_logs WHERE request_id = $1', [requestId]))[0];

  beforeAll(async () => {
    db = await openUsageTestDatabase();
  });

  afterAll(async () => {
    await db.destroy();
  });

  for (const transport of ['bullmq', 'in-process'] as const) {
    it(`${transport}: stores masked, truncated rows; no raw email, card or secret reaches the table`, async () => {
      const prefix = `test-${randomUUID()}`;
      const worker = await startWorker(prefix, transport);
      const gateway = await startGateway(prefix, transport, { LOG_PAYLOADS: 'true', LOG_PAYLOAD_MAX_CHARS: '1000' });
      try {
        const ok = call();
        const failed = call({ response: null, error: new GatewayError('service_unavailable', `every provider failed for ${EMAIL}`) });
        gateway.get(RequestLogRecorder).record(ok);
        gateway.get(RequestLogRecorder).record(failed);
        await gateway.get(RequestLogRecorder).flush();
        await eventually('both rows are stored', async () => (await rowOf(failed.requestId)) !== undefined && (await rowOf(ok.requestId)) !== undefined);
        const row = (await rowOf(ok.requestId))!;
        const stored = JSON.stringify(row);
        expect(stored).not.toContain(EMAIL);
        expect(stored).not.toContain(SECRET);
        expect(stored).not.toContain(CARD);
        expect(stored).toContain('[EMAIL]');
        expect(row).toMatchObject({ api_key_id: ok.apiKeyId, model: 'mock-small', provider: 'mock', status: 'success', http_status: 200, truncated: true, latency_ms: 42 });
        const content = (row['request_payload'] as { messages: Array<{ content: string }> }).messages[1]!.content;
        expect(content.length).toBeLessThan(1_100);
        expect((row['response_payload'] as ChatCompletion).choices[0]!.message.content).toBe('Noted, [EMAIL].');
        const failure = (await rowOf(failed.requestId))!;
        expect(failure).toMatchObject({ status: 'error', http_status: 503, error_type: 'service_unavailable', response_payload: null });
        expect(failure['error_message']).toBe('every provider failed for [EMAIL]');
      } finally {
        await gateway.close();
        await worker.close();
      }
    });
  }

  it('records nothing when LOG_PAYLOADS=false (a logging gateway on the same queue proves the path works)', async () => {
    const prefix = `test-${randomUUID()}`;
    const worker = await startWorker(prefix, 'bullmq');
    const silent = await startGateway(prefix, 'bullmq', { LOG_PAYLOADS: 'false' });
    const logging = await startGateway(prefix, 'bullmq', { LOG_PAYLOADS: 'true' });
    try {
      const unlogged = call();
      const logged = call();
      silent.get(RequestLogRecorder).record(unlogged);
      await silent.get(RequestLogRecorder).flush();
      logging.get(RequestLogRecorder).record(logged);
      await logging.get(RequestLogRecorder).flush();
      await eventually('the logged row is stored', async () => (await rowOf(logged.requestId)) !== undefined);
      expect(silent.get(RequestLogRecorder).enabled).toBe(false);
      expect(await rowOf(unlogged.requestId)).toBeUndefined();
      const queue = worker.get<Queue>(getQueueToken(REQUEST_LOG_QUEUE));
      const jobs = await queue.getJobs(['completed', 'failed', 'waiting', 'active', 'delayed']);
      expect(jobs.filter((job) => job.name !== REQUEST_LOG_RETENTION_JOB)).toHaveLength(1);
    } finally {
      await silent.close();
      await logging.close();
      await worker.close();
    }
  });

  it('a re-delivered batch adds nothing (the request id is the key)', async () => {
    const prefix = `test-${randomUUID()}`;
    const worker = await startWorker(prefix, 'bullmq');
    const gateway = await startGateway(prefix, 'bullmq', { LOG_PAYLOADS: 'true' });
    try {
      const same = call();
      gateway.get(RequestLogRecorder).record(same);
      await gateway.get(RequestLogRecorder).flush();
      await eventually('stored once', async () => (await rowOf(same.requestId)) !== undefined);
      gateway.get(RequestLogRecorder).record({ ...same, model: 'other-model' });
      await gateway.get(RequestLogRecorder).flush();
      const queue = worker.get<Queue>(getQueueToken(REQUEST_LOG_QUEUE));
      await eventually('the second batch is processed', async () => (await queue.getCompletedCount()) >= 2);
      expect(await db.query('SELECT model FROM request_logs WHERE request_id = $1', [same.requestId])).toEqual([{ model: 'mock-small' }]);
    } finally {
      await gateway.close();
      await worker.close();
    }
  });
});
