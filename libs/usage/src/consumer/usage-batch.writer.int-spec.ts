import { randomUUID } from 'node:crypto';
import type { UsageBatch, UsageEvent } from '@llmgw/contracts';
import type { DataSource } from 'typeorm';
import { usageEventFixture } from '../testing/usage-event.fixture';
import { openUsageTestDatabase, testServices } from '../testing/usage-test-database';
import { UsageBatchWriter } from './usage-batch.writer';

describe('UsageBatchWriter (real Postgres)', () => {
  let dataSource: DataSource;
  let writer: UsageBatchWriter;

  const batchOf = (events: UsageEvent[]): UsageBatch => ({ batchId: randomUUID(), events });
  const storedCount = async (events: UsageEvent[]): Promise<number> => {
    const [row] = await dataSource.query('SELECT count(*)::int AS count FROM usage_records WHERE request_id = ANY($1)', [
      events.map((event) => event.requestId),
    ]);
    return row.count;
  };

  beforeAll(async () => {
    dataSource = await openUsageTestDatabase(testServices(process.env).databaseUrl);
    writer = new UsageBatchWriter(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('inserts every event of a batch as one row, field for field', async () => {
    const events = [
      usageEventFixture({ costNanoUsd: Number.MAX_SAFE_INTEGER, savedCostNanoUsd: 7, timeToFirstTokenMs: 12, stream: true }),
      usageEventFixture({ provider: null, status: 'error', httpStatus: 502, errorType: 'upstream_error', apiKeyId: null }),
      usageEventFixture(),
    ];
    expect(await writer.write(batchOf(events))).toEqual({ inserted: 3, duplicates: 0 });

    const [row] = await dataSource.query('SELECT * FROM usage_records WHERE request_id = $1', [events[0]!.requestId]);
    expect(row).toMatchObject({
      api_key_id: events[0]!.apiKeyId,
      endpoint: '/v1/chat/completions',
      provider: 'mock',
      model: 'mock-1',
      status: 'success',
      http_status: 200,
      prompt_tokens: 12,
      completion_tokens: 34,
      cost_nano_usd: '9007199254740991',
      saved_cost_nano_usd: '7',
      usage_source: 'provider',
      stream: true,
      time_to_first_token_ms: 12,
      cache_result: 'none',
      fallback_count: 0,
    });
    expect((row.occurred_at as Date).toISOString()).toBe(events[0]!.occurredAt);
    const [failed] = await dataSource.query('SELECT provider, error_type, api_key_id FROM usage_records WHERE request_id = $1', [
      events[1]!.requestId,
    ]);
    expect(failed).toEqual({ provider: null, error_type: 'upstream_error', api_key_id: null });
  });

  it('inserts nothing when the same batch is written again (a retried job)', async () => {
    const batch = batchOf([usageEventFixture(), usageEventFixture()]);
    await writer.write(batch);
    expect(await writer.write(batch)).toEqual({ inserted: 0, duplicates: 2 });
    expect(await storedCount(batch.events)).toBe(2);
  });

  it('counts only the new events of a batch mixing new and already stored ones', async () => {
    const stored = [usageEventFixture(), usageEventFixture()];
    await writer.write(batchOf(stored));
    const fresh = [usageEventFixture(), usageEventFixture(), usageEventFixture()];
    expect(await writer.write(batchOf([stored[0]!, ...fresh, stored[1]!]))).toEqual({ inserted: 3, duplicates: 2 });
    expect(await storedCount([...stored, ...fresh])).toBe(5);
  });

  it('keeps the first of two events sharing a request id within one batch', async () => {
    const first = usageEventFixture({ costNanoUsd: 1 });
    const again = { ...first, costNanoUsd: 2 };
    expect(await writer.write(batchOf([first, again]))).toEqual({ inserted: 1, duplicates: 1 });
    const [row] = await dataSource.query('SELECT cost_nano_usd FROM usage_records WHERE request_id = $1', [first.requestId]);
    expect(row.cost_nano_usd).toBe('1');
  });

  it('splits a batch too large for one statement (65535 parameters) and still counts exactly', async () => {
    const events = Array.from({ length: 3_500 }, () => usageEventFixture());
    expect(await writer.write(batchOf(events))).toEqual({ inserted: 3_500, duplicates: 0 });
    expect(await writer.write(batchOf(events))).toEqual({ inserted: 0, duplicates: 3_500 });
    expect(await storedCount(events)).toBe(3_500);
  });
});
