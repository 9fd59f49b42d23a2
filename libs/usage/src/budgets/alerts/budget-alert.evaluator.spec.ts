import { crossed } from './budget-alert.evaluator';
import { alertPayload } from './budget-alert.payload';

describe('crossed', () => {
  it('returns the thresholds reached, comparing exactly at the boundary', () => {
    expect(crossed(499, 1_000, [50, 80, 100])).toEqual([]);
    expect(crossed(500, 1_000, [50, 80, 100])).toEqual([50]);
    expect(crossed(1_000, 1_000, [50, 80, 100])).toEqual([50, 80, 100]);
    expect(crossed(1_500, 1_000, [50, 80, 100, 150])).toEqual([50, 80, 100, 150]);
  });

  it('stays exact near 2^53 where a float percentage would not', () => {
    const limit = Number.MAX_SAFE_INTEGER - 1; // even: half of it is exact
    expect(crossed(limit / 2 - 1, limit, [50])).toEqual([]);
    expect(crossed(limit / 2, limit, [50])).toEqual([50]);
  });
});

describe('alertPayload', () => {
  it('describes the global daily alert without a budget', () => {
    expect(
      alertPayload({
        id: 'a1',
        budget_id: null,
        period_start: new Date('2026-11-22T00:00:00Z'),
        threshold: 80,
        spent_nano_usd: '200000000001',
        limit_nano_usd: '250000000000',
        created_at: new Date('2026-11-22T10:00:00Z'),
        scope: null,
        scope_id: null,
        period: null,
        enforcement: null,
      }),
    ).toEqual({
      type: 'max_daily_cost',
      period: 'daily',
      alert_id: 'a1',
      threshold_percent: 80,
      period_start: '2026-11-22T00:00:00.000Z',
      spent_nano_usd: '200000000001',
      limit_nano_usd: '250000000000',
      spent_usd: '200.000000001',
      limit_usd: '250',
      created_at: '2026-11-22T10:00:00.000Z',
    });
  });
});
