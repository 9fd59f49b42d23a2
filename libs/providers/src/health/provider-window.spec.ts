import { ProviderWindow } from './provider-window';

const totals = (at: number, requests: number, errors: number, durationSeconds: number, costUsd: number) => ({
  at,
  requests,
  errors,
  durationSeconds,
  durationCount: requests,
  costUsd,
});

describe('ProviderWindow', () => {
  it('counts checks and traffic of the window only, and spend over the last hour', () => {
    const window = new ProviderWindow(60_000);
    window.addSample(totals(0, 100, 0, 50, 10));
    window.addProbe({ at: 0, ok: false, latencyMs: 100 });
    window.addSample(totals(2_970_000, 200, 10, 100, 50)); // 49.5 min later
    window.addProbe({ at: 2_970_000, ok: true, latencyMs: 300 });
    window.addSample(totals(3_030_000, 300, 30, 300, 175.5));
    window.addProbe({ at: 3_030_000, ok: true, latencyMs: 500 });
    expect(window.figures(3_030_000)).toEqual({
      probes: 1, // checks older than the window are dropped
      probeFailures: 0,
      requests: 100, // since the newest sample at or before now - 60 s
      errors: 20,
      errorRate: 20 / 101,
      latencyMs: 2_000, // 200 s over 100 calls
      costLastHourNanoUsd: 165_500_000_000, // the process is younger than an hour: since the first sample
    });
  });

  it('uses the checks\' latency when there were too few real calls, and knows nothing before anything happened', () => {
    const window = new ProviderWindow(60_000);
    expect(window.figures(0)).toMatchObject({ errorRate: null, latencyMs: null, costLastHourNanoUsd: 0 });
    window.addProbe({ at: 1, ok: true, latencyMs: 120 });
    window.addSample(totals(1, 0, 0, 0, 0));
    window.addSample(totals(2, 2, 0, 20, 0));
    expect(window.figures(2)).toMatchObject({ requests: 2, latencyMs: 120, errorRate: 0 });
  });
});
