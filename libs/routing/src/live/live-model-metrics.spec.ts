import { healthOf, LiveModelMetrics } from './live-model-metrics';

describe('LiveModelMetrics', () => {
  it('starts from the first sample and moves towards recent ones', () => {
    const live = new LiveModelMetrics();
    live.record('openai/gpt-4o', { ok: true, latencyMs: 1_000, costNanoUsd: 500 });
    expect(live.snapshot()['openai/gpt-4o']).toMatchObject({ samples: 1, successRate: 1, latencyEwmaMs: 1_000, averageCostNanoUsd: 500, health: 'healthy' });
    live.record('openai/gpt-4o', { ok: true, latencyMs: 2_000, costNanoUsd: 1_000 });
    const stats = live.snapshot()['openai/gpt-4o']!;
    expect(stats.latencyEwmaMs).toBe(1_200);
    expect(stats.averageCostNanoUsd).toBe(600);
  });

  it('lowers the success rate on failures without counting their latency, and reports health', () => {
    const live = new LiveModelMetrics();
    live.record('a/m', { ok: true, latencyMs: 100 });
    live.record('a/m', { ok: false, latencyMs: 30_000 });
    expect(live.snapshot()['a/m']).toMatchObject({ successRate: 0.9, latencyEwmaMs: 100, consecutiveFailures: 1 });
    live.record('a/m', { ok: false, latencyMs: 1 });
    live.record('a/m', { ok: false, latencyMs: 1 });
    expect(live.snapshot()['a/m']!.health).toBe('down');
    expect(live.forScoring()['a/m']).toEqual({ successRate: expect.any(Number), latencyEwmaMs: 100 });
  });

  it.each([
    [{ successRate: 0.99, latencyEwmaMs: 800, consecutiveFailures: 0 }, 'healthy'],
    [{ successRate: 0.85, latencyEwmaMs: 800, consecutiveFailures: 0 }, 'degraded'],
    [{ successRate: 0.99, latencyEwmaMs: 6_000, consecutiveFailures: 0 }, 'degraded'],
    [{ successRate: 0.4, latencyEwmaMs: 800, consecutiveFailures: 0 }, 'down'],
    [{ successRate: 0.95, latencyEwmaMs: 800, consecutiveFailures: 3 }, 'down'],
  ])('judges %j %s', (stats, health) => {
    expect(healthOf(stats)).toBe(health);
  });
});
