import { randomInt, randomUUID } from 'node:crypto';
import type { UsageEvent } from '@llmgw/contracts';
import type { DataSource } from 'typeorm';
import { UsageBatchWriter } from '../consumer/usage-batch.writer';
import { usageEventFixture } from '../testing/usage-event.fixture';
import { openUsageTestDatabase, testServices } from '../testing/usage-test-database';
import { UsageSummaryService } from './usage-summary.service';

const HOUR_MS = 3_600_000;

/** A one-hour window in 1900-1969 no other test writes to (other suites insert "now"). */
function privateWindow(): { from: Date; to: Date } {
  const from = new Date(Date.UTC(1900, 0, 1) + randomInt(0, 600_000) * HOUR_MS);
  return { from, to: new Date(from.getTime() + HOUR_MS) };
}

describe('UsageSummaryService (real Postgres)', () => {
  let dataSource: DataSource;
  let writer: UsageBatchWriter;
  let service: UsageSummaryService;

  const store = (events: UsageEvent[]) => writer.write({ batchId: randomUUID(), events });
  const at = (date: Date, offsetMs = 0) => new Date(date.getTime() + offsetMs).toISOString();

  beforeAll(async () => {
    dataSource = await openUsageTestDatabase(testServices(process.env).databaseUrl);
    writer = new UsageBatchWriter(dataSource);
    service = new UsageSummaryService(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('sums requests, errors, tokens and cost exactly, per provider and model, most expensive first', async () => {
    const period = privateWindow();
    const max = Number.MAX_SAFE_INTEGER; // two of these overflow a float sum
    await store([
      usageEventFixture({ occurredAt: at(period.from), provider: 'openai', model: 'gpt-4o', promptTokens: 10, completionTokens: 20, costNanoUsd: 1_000_000_001 }),
      usageEventFixture({ occurredAt: at(period.from, 1_000), provider: 'openai', model: 'gpt-4o', promptTokens: 5, completionTokens: 0, costNanoUsd: 2_000_000_002, status: 'error', httpStatus: 502, errorType: 'upstream_error' }),
      usageEventFixture({ occurredAt: at(period.from, 2_000), provider: 'anthropic', model: 'claude', promptTokens: 1, completionTokens: 2, costNanoUsd: max }),
      usageEventFixture({ occurredAt: at(period.to, -1), provider: 'anthropic', model: 'claude', promptTokens: 3, completionTokens: 4, costNanoUsd: max }),
      usageEventFixture({ occurredAt: at(period.from, 3_000), provider: null, model: 'unknown', promptTokens: 0, completionTokens: 0, costNanoUsd: 0, status: 'error', httpStatus: 404, errorType: 'not_found_error' }),
      // Outside [from, to): just before the window, and exactly at its end.
      usageEventFixture({ occurredAt: at(period.from, -1), provider: 'openai', model: 'gpt-4o', costNanoUsd: 777 }),
      usageEventFixture({ occurredAt: at(period.to), provider: 'openai', model: 'gpt-4o', costNanoUsd: 777 }),
    ]);

    const summary = await service.summarize(period);

    expect(summary).toEqual({
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      requests: 5,
      errors: 2,
      prompt_tokens: 19,
      completion_tokens: 26,
      cost_nano_usd: '18014401509481985',
      cost_usd: '18014401.509481985',
      by_provider_model: [
        { provider: 'anthropic', model: 'claude', requests: 2, prompt_tokens: 4, completion_tokens: 6, cost_nano_usd: '18014398509481982', cost_usd: '18014398.509481982' },
        { provider: 'openai', model: 'gpt-4o', requests: 2, prompt_tokens: 15, completion_tokens: 20, cost_nano_usd: '3000000003', cost_usd: '3.000000003' },
        { provider: null, model: 'unknown', requests: 1, prompt_tokens: 0, completion_tokens: 0, cost_nano_usd: '0', cost_usd: '0.000000000' },
      ],
    });
  });

  it('counts a re-delivered batch once', async () => {
    const period = privateWindow();
    const events = [usageEventFixture({ occurredAt: at(period.from, 5), costNanoUsd: 123_456_789 })];
    await store(events);
    await store(events);
    const summary = await service.summarize(period);
    expect(summary.requests).toBe(1);
    expect(summary.cost_nano_usd).toBe('123456789');
    expect(summary.cost_usd).toBe('0.123456789');
  });

  it('reports an empty period as zeros', async () => {
    const summary = await service.summarize(privateWindow());
    expect(summary).toMatchObject({ requests: 0, errors: 0, prompt_tokens: 0, completion_tokens: 0, cost_nano_usd: '0', cost_usd: '0.000000000', by_provider_model: [] });
  });
});
