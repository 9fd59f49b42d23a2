import { randomInt, randomUUID } from 'node:crypto';
import type { UsageEvent } from '@llmgw/contracts';
import type { DataSource } from 'typeorm';
import { UsageBatchWriter } from '../consumer/usage-batch.writer';
import { usageEventFixture } from '../testing/usage-event.fixture';
import { openUsageTestDatabase } from '../testing/usage-test-database';
import { periodReportToCsv } from './usage-report.csv';
import { UsageReportService } from './usage-report.service';

const DAY_MS = 86_400_000;
const day = (date: Date) => date.toISOString().slice(0, 10);

describe('UsageReportService (real Postgres)', () => {
  let dataSource: DataSource;
  let service: UsageReportService;
  const teamId = randomUUID();
  const keys = [randomUUID(), randomUUID()];
  // A Monday in 1900-1999, on its own: reports below filter by this team.
  const monday = new Date(Date.UTC(1900, 0, 1) + randomInt(0, 5_000) * 7 * DAY_MS);
  const from = day(monday);
  const to = day(new Date(monday.getTime() + 10 * DAY_MS));
  let events: UsageEvent[];

  const raw = async (where: string, parameters: unknown[]) =>
    (await dataSource.query(
      `SELECT count(*)::int AS requests, coalesce(sum(cost_nano_usd), 0)::text AS cost, coalesce(sum(prompt_tokens + completion_tokens), 0)::int AS tokens
         FROM usage_records WHERE team_id = $1 AND ${where}`,
      [teamId, ...parameters],
    ))[0];

  beforeAll(async () => {
    dataSource = await openUsageTestDatabase();
    service = new UsageReportService(dataSource);
    const writer = new UsageBatchWriter(dataSource);
    const at = (days: number, hours = 0) => new Date(monday.getTime() + days * DAY_MS + hours * 3_600_000).toISOString();
    events = [
      usageEventFixture({ teamId, apiKeyId: keys[0]!, occurredAt: at(0, 1), provider: 'openai', model: 'gpt-4o', costNanoUsd: Number.MAX_SAFE_INTEGER, latencyMs: 100 }),
      usageEventFixture({ teamId, apiKeyId: keys[0]!, occurredAt: at(0, 2), provider: 'openai', model: 'gpt-4o', costNanoUsd: Number.MAX_SAFE_INTEGER, latencyMs: 200 }),
      usageEventFixture({ teamId, apiKeyId: keys[1]!, occurredAt: at(1), provider: 'anthropic', model: 'claude', costNanoUsd: 5, status: 'error', httpStatus: 502, latencyMs: 1000 }),
      usageEventFixture({ teamId, apiKeyId: keys[1]!, occurredAt: at(8), provider: 'openai', model: 'gpt-4o-mini', costNanoUsd: 7, cacheResult: 'exact', savedCostNanoUsd: 3, latencyMs: 10 }),
      usageEventFixture({ teamId, apiKeyId: null, occurredAt: at(9, 23), provider: null, model: 'unknown', costNanoUsd: 0, latencyMs: 1 }),
    ];
    await writer.write({ batchId: randomUUID(), events });
    await writer.write({ batchId: randomUUID(), events }); // a replay changes nothing
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('reports by week and provider: each line equals the sum of the stored rows', async () => {
    const report = await service.byPeriod({ from, to, teamId }, 'week', 'provider');
    expect(report.data.map((line) => [line.period_start, line.group, line.requests, line.cost_nano_usd])).toEqual([
      [from, 'openai', 2, '18014398509481982'],
      [from, 'anthropic', 1, '5'],
      [day(new Date(monday.getTime() + 7 * DAY_MS)), 'openai', 1, '7'],
      [day(new Date(monday.getTime() + 7 * DAY_MS)), null, 1, '0'],
    ]);
    const total = report.data.reduce((sum, line) => sum + BigInt(line.cost_nano_usd), 0n);
    expect(total.toString()).toBe((await raw('true', [])).cost);
    expect(report.data[0]).toMatchObject({ cost_usd: '18014398.509481982', errors: 0 });
    expect(report.data[1]).toMatchObject({ errors: 1 });
    expect(report.data[2]).toMatchObject({ cache_hits: 1, saved_cost_nano_usd: '3' });
  });

  it('reports by day and key, and by month and model, with the same grand total', async () => {
    const byKey = await service.byPeriod({ from, to, teamId }, 'day', 'key');
    expect(byKey.data.filter((line) => line.group === keys[0]).map((line) => line.requests)).toEqual([2]);
    const byModel = await service.byPeriod({ from, to, teamId }, 'month', 'model');
    const sum = (lines: Array<{ cost_nano_usd: string }>) => lines.reduce((total, line) => total + BigInt(line.cost_nano_usd), 0n);
    expect(sum(byKey.data)).toBe(sum(byModel.data));
    const oneKey = await service.byPeriod({ from, to, teamId, apiKeyId: keys[1] }, 'month', 'model');
    expect(oneKey.data.map((line) => line.group).sort()).toEqual(['claude', 'gpt-4o-mini']);
  });

  it('gives a daily series with every day, zeros included', async () => {
    const series = await service.dailySeries({ from, to, teamId });
    expect(series).toHaveLength(10);
    expect(series.map((point) => point.requests)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect(series[2]).toMatchObject({ cost_nano_usd: '0', cost_usd: '0.000000000' });
  });

  it('ranks top models by cost', async () => {
    const top = await service.topModels({ from, to, teamId }, 2);
    expect(top.map((line) => line.model)).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(top[0]).toMatchObject({ requests: 2, total_tokens: 92, cost_nano_usd: '18014398509481982' });
  });

  it('computes p95 latency per provider from the raw rows', async () => {
    const latency = await service.latencyByProvider({ from: monday, to: new Date(monday.getTime() + 10 * DAY_MS) }, keys[0]);
    expect(latency).toEqual([{ provider: 'openai', requests: 2, p50_ms: 150, p95_ms: 195 }]);
  });

  it('gives workspace costs in the seeds shape, equal to the raw sums', async () => {
    const costs = await service.workspaceCosts(teamId, { from, to });
    const totals = await raw('true', []);
    expect(costs).toMatchObject({ workspace_id: teamId, call_count: totals.requests, total_tokens: totals.tokens, total_cost_nano_usd: totals.cost });
    expect(costs.total_cost).toBe('18014398.509481994');
    expect(costs.by_model['claude']).toEqual({ cost: '0.000000005', cost_nano_usd: '5', tokens: 46, calls: 1 });
  });

  it('exports a report as CSV', async () => {
    const csv = periodReportToCsv(await service.byPeriod({ from, to, teamId }, 'week', 'provider'));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('period_start,group,requests,errors,prompt_tokens,completion_tokens,cost_nano_usd,cost_usd,saved_cost_nano_usd,cache_hits');
    expect(lines[1]).toBe(`${from},openai,2,0,24,68,18014398509481982,18014398.509481982,0,0`);
    expect(lines).toHaveLength(5);
  });
});
