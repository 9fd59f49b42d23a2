import { randomInt, randomUUID } from 'node:crypto';
import type { UsageEvent } from '@llmgw/contracts';
import type { DataSource } from 'typeorm';
import { UsageBatchWriter } from '../consumer/usage-batch.writer';
import { usageEventFixture } from '../testing/usage-event.fixture';
import { openUsageTestDatabase } from '../testing/usage-test-database';
import { UsagePartitionsService } from './usage-partitions.service';

/** A month of the 1700s no other suite writes to (each test takes its own). */
const privateMonth = () => new Date(Date.UTC(1700 + randomInt(0, 99), randomInt(0, 12), 1));
const iso = (start: Date, offsetMs: number) => new Date(start.getTime() + offsetMs).toISOString();
const name = (start: Date) => `usage_records_p${start.getUTCFullYear()}_${String(start.getUTCMonth() + 1).padStart(2, '0')}`;

describe('UsagePartitionsService (real Postgres)', () => {
  let dataSource: DataSource;
  let writer: UsageBatchWriter;
  let partitions: UsagePartitionsService;

  const store = (events: UsageEvent[]) => writer.write({ batchId: randomUUID(), events });
  const placement = async (events: UsageEvent[]): Promise<string[]> => {
    const rows: Array<{ partition: string }> = await dataSource.query(
      'SELECT DISTINCT tableoid::regclass::text AS partition FROM usage_records WHERE request_id = ANY($1)',
      [events.map((event) => event.requestId)],
    );
    return rows.map((row) => row.partition);
  };

  beforeAll(async () => {
    dataSource = await openUsageTestDatabase();
    writer = new UsageBatchWriter(dataSource);
    partitions = new UsagePartitionsService(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('creates this month and the months ahead, idempotently', async () => {
    const now = new Date();
    await partitions.ensureAhead(now, 2);
    expect(await partitions.ensureAhead(now, 2)).toEqual([]);
    const [row] = await dataSource.query(`SELECT count(*)::int AS count FROM pg_class WHERE relname = ANY($1)`, [
      [0, 1, 2].map((offset) => name(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)))),
    ]);
    expect(row.count).toBe(3);
  });

  it('routes rows of a month into its partition once it exists, and moves strays out of the default one', async () => {
    const month = privateMonth();
    const early = [usageEventFixture({ occurredAt: iso(month, 1_000) }), usageEventFixture({ occurredAt: iso(month, 86_400_000) })];
    await store(early);
    expect(await placement(early)).toEqual(['usage_records_default']);

    expect(await partitions.ensureMonth(month)).toBe(true);
    expect(await placement(early)).toEqual([name(month)]);
    const later = [usageEventFixture({ occurredAt: iso(month, 2_000) })];
    await store(later);
    expect(await placement(later)).toEqual([name(month)]);
    expect(await partitions.ensureMonth(month)).toBe(false);
  });

  it('retention drops whole expired months with their request ids, keeps newer months and the roll-ups', async () => {
    const old = privateMonth();
    const next = new Date(Date.UTC(old.getUTCFullYear(), old.getUTCMonth() + 1, 1));
    await partitions.ensureMonth(old);
    await partitions.ensureMonth(next);
    const apiKeyId = randomUUID();
    const expired = [usageEventFixture({ apiKeyId, occurredAt: iso(old, 5_000), costNanoUsd: 11 }), usageEventFixture({ apiKeyId, occurredAt: iso(old, 6_000), costNanoUsd: 22 })];
    const kept = [usageEventFixture({ apiKeyId, occurredAt: iso(next, 5_000), costNanoUsd: 33 })];
    await store([...expired, ...kept]);

    // "Now" is the middle of the next month; 10 days of retention: only the old month is past.
    const now = new Date(next.getTime() + 15 * 86_400_000);
    const dropped = await partitions.dropExpired(now, 10);
    expect(dropped).toContain(name(old));
    expect(dropped).not.toContain(name(next));

    const [raw] = await dataSource.query('SELECT count(*)::int AS count FROM usage_records WHERE api_key_id = $1', [apiKeyId]);
    expect(raw.count).toBe(1);
    const [ids] = await dataSource.query('SELECT count(*)::int AS count FROM usage_request_ids WHERE request_id = ANY($1)', [
      [...expired, ...kept].map((event) => event.requestId),
    ]);
    expect(ids.count).toBe(1);
    const [rolled] = await dataSource.query('SELECT sum(requests)::int AS requests, sum(cost_nano_usd)::text AS cost FROM usage_daily_spend WHERE api_key_id = $1', [apiKeyId]);
    expect(rolled).toEqual({ requests: 3, cost: '66' });
  });
});
