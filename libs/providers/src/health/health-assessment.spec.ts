import { assessHealth, DEFAULT_HEALTH_THRESHOLDS, type HealthInputs } from './health-assessment';

const base: HealthInputs = { previous: 'healthy', consecutiveFailures: 0, consecutiveSuccesses: 5, errorRate: 0, latencyMs: 200 };
const assess = (inputs: Partial<HealthInputs>) => assessHealth({ ...base, ...inputs }, DEFAULT_HEALTH_THRESHOLDS);

describe('assessHealth (thresholds of the specification: 10% errors, 5 s latency)', () => {
  it('is healthy with a high score when fast and error free', () => {
    expect(assess({})).toEqual({ status: 'healthy', score: 0.98, reasons: [] });
  });

  it('is degraded above 10% errors or 5 s latency, and says why', () => {
    expect(assess({ errorRate: 0.1 }).status).toBe('healthy');
    expect(assess({ errorRate: 0.11 })).toMatchObject({ status: 'degraded', reasons: ['error rate 11% > 10%'] });
    expect(assess({ latencyMs: 5_001 })).toMatchObject({ status: 'degraded', reasons: ['latency 5001 ms > 5000 ms'] });
  });

  it('goes down after 3 consecutive failures and comes back only after 2 good checks', () => {
    expect(assess({ consecutiveFailures: 2, consecutiveSuccesses: 0 }).status).toBe('degraded');
    expect(assess({ consecutiveFailures: 3, consecutiveSuccesses: 0 })).toMatchObject({ status: 'down', score: 0 });
    expect(assess({ previous: 'down', consecutiveSuccesses: 1 })).toMatchObject({ status: 'down', reasons: ['recovering: 1/2 good checks'] });
    expect(assess({ previous: 'down', consecutiveSuccesses: 2 }).status).toBe('healthy');
  });

  it('scores lower with errors, latency and failures', () => {
    const scores = [assess({}), assess({ errorRate: 0.05 }), assess({ latencyMs: 4_000 }), assess({ consecutiveFailures: 1 }), assess({ latencyMs: 10_000 })].map(
      (assessment) => assessment.score,
    );
    expect(scores).toEqual([0.98, 0.931, 0.6, 0.49, 0.25]);
  });
});
