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

  it('stores the guardrail actions, quotes and all', async () => {
    const actions = ['redact:email', 'block:"quoted"', 'back\\slash', 'comma,brace{}'];
    const event = usageEventFixture({ guardrailActions: actions });
    await writer.write(batchOf([event, usageEventFixture()]));
    const [row] = await dataSource.query('SELECT guardrail_actions FROM usage_records WHERE request_id = $1', [event.requestId]);
    expect(row.guardrail_actions).toEqual(actions);
  });

  describe('the daily roll-up (usage_daily_spend)', () => {
    const rollUp = async (apiKeyId: string) =>
      dataSource.query(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, team_id, provider, model, requests::int, errors::int, prompt_tokens::int,
                completion_tokens::int, cost_nano_usd::text, saved_cost_nano_usd::text, cache_hits::int
           FROM usage_daily_spend WHERE api_key_id = $1 ORDER BY day, provider NULLS LAST, model`,
        [apiKeyId],
      );

    it('adds each inserted row to its day, key, team, provider and model, exactly', async () => {
      const apiKeyId = randomUUID();
      const teamId = randomUUID();
      const common = { apiKeyId, teamId };
      await writer.write(
        batchOf([
          usageEventFixture({ ...common, occurredAt: '2026-03-01T23:59:59.999Z', costNanoUsd: Number.MAX_SAFE_INTEGER, promptTokens: 1, completionTokens: 2 }),
          usageEventFixture({ ...common, occurredAt: '2026-03-01T00:00:00.000Z', costNanoUsd: Number.MAX_SAFE_INTEGER, promptTokens: 3, completionTokens: 4, cacheResult: 'exact', savedCostNanoUsd: 5 }),
          usageEventFixture({ ...common, occurredAt: '2026-03-02T00:00:00.000Z', costNanoUsd: 7, status: 'error', httpStatus: 502 }),
          usageEventFixture({ ...common, occurredAt: '2026-03-02T10:00:00.000Z', provider: null, model: 'unknown', costNanoUsd: 0, cacheResult: 'semantic' }),
        ]),
      );
      expect(await rollUp(apiKeyId)).toEqual([
        { day: '2026-03-01', team_id: teamId, provider: 'mock', model: 'mock-1', requests: 2, errors: 0, prompt_tokens: 4, completion_tokens: 6, cost_nano_usd: '18014398509481982', saved_cost_nano_usd: '5', cache_hits: 1 },
        { day: '2026-03-02', team_id: teamId, provider: 'mock', model: 'mock-1', requests: 1, errors: 1, prompt_tokens: 12, completion_tokens: 34, cost_nano_usd: '7', saved_cost_nano_usd: '0', cache_hits: 0 },
        { day: '2026-03-02', team_id: teamId, provider: null, model: 'unknown', requests: 1, errors: 0, prompt_tokens: 12, completion_tokens: 34, cost_nano_usd: '0', saved_cost_nano_usd: '0', cache_hits: 1 },
      ]);
    });

    it('is not doubled by a replayed batch, and grows by only the new rows of a mixed one', async () => {
      const apiKeyId = randomUUID();
      const first = [usageEventFixture({ apiKeyId, teamId: null, costNanoUsd: 100 }), usageEventFixture({ apiKeyId, teamId: null, costNanoUsd: 200 })];
      await writer.write(batchOf(first));
      await writer.write(batchOf(first));
      const [once] = await rollUp(apiKeyId);
      expect(once).toMatchObject({ requests: 2, cost_nano_usd: '300', team_id: null });

      await writer.write(batchOf([first[1]!, usageEventFixture({ apiKeyId, teamId: null, costNanoUsd: 50 })]));
      const rows = await rollUp(apiKeyId);
      expect(rows).toHaveLength(1); // null team: still one row (NULLS NOT DISTINCT)
      expect(rows[0]).toMatchObject({ requests: 3, cost_nano_usd: '350' });
    });

    it('stays equal to the stored rows when concurrent writers race on the same batches', async () => {
      const apiKeyId = randomUUID();
      const batches = Array.from({ length: 6 }, () => batchOf(Array.from({ length: 20 }, (_, i) => usageEventFixture({ apiKeyId, costNanoUsd: i + 1 }))));
      // Each batch written three times, all at once: the same ids race each other.
      await Promise.all([...batches, ...batches, ...batches].map((batch) => writer.write(batch).catch(() => writer.write(batch))));
      const [raw] = await dataSource.query('SELECT count(*)::int AS requests, sum(cost_nano_usd)::text AS cost FROM usage_records WHERE api_key_id = $1', [apiKeyId]);
      const [rolled] = await rollUp(apiKeyId);
      expect(raw).toEqual({ requests: 120, cost: String(6 * 210) });
      expect(rolled).toMatchObject({ requests: 120, cost_nano_usd: String(6 * 210) });
    });
  });

  it('writes a batch beyond 65535 values in one statement (one array per column) and counts exactly', async () => {
    const events = Array.from({ length: 3_500 }, () => usageEventFixture());
    expect(await writer.write(batchOf(events))).toEqual({ inserted: 3_500, duplicates: 0 });
    expect(await writer.write(batchOf(events))).toEqual({ inserted: 0, duplicates: 3_500 });
    expect(await storedCount(events)).toBe(3_500);
  });
});
