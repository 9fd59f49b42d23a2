import fc from 'fast-check';
import { circuitBreakerConfig, type CircuitData, type CircuitState } from './circuit-breaker';
import { admitCircuit, initialCircuit, recordCircuit, stepCircuit, type CircuitEvent } from './circuit-breaker.state';

const config = circuitBreakerConfig();
const fail = (d: CircuitData, now: number) => recordCircuit(d, 'failure', now, config);
const succeed = (d: CircuitData, now: number) => recordCircuit(d, 'success', now, config);

function openedAt(now: number): CircuitData {
  let d = initialCircuit(config);
  for (let i = 0; i < config.failureThreshold; i += 1) d = fail(d, now);
  return d;
}

describe('circuit breaker state (fake clock)', () => {
  it('CLOSED -> OPEN after failureThreshold consecutive failures', () => {
    let d = initialCircuit(config);
    for (let i = 0; i < 4; i += 1) d = fail(d, 1_000);
    expect(d.state).toBe('closed');
    expect(fail(d, 1_000)).toMatchObject({ state: 'open', openedAt: 1_000 });
  });

  it('CLOSED -> OPEN at a 50 % failure rate over minimumRequests in the window', () => {
    let d = initialCircuit(config);
    for (let i = 0; i < 5; i += 1) d = fail(succeed(d, 1_000 + i), 1_000 + i);
    expect(d.state).toBe('open');
  });

  it('OPEN refuses before recoveryTimeoutMs, then OPEN -> HALF_OPEN admitting one probe', () => {
    const d = openedAt(0);
    expect(admitCircuit(d, 59_999, config).decision).toEqual({ allowed: false, state: 'open', retryAt: 60_000 });
    const probe = admitCircuit(d, 60_000, config);
    expect(probe.decision).toEqual({ allowed: true, state: 'half_open' });
    expect(admitCircuit(probe.data, 60_001, config).decision).toMatchObject({ allowed: false, state: 'half_open' });
  });

  it('HALF_OPEN -> CLOSED after successThreshold successes; HALF_OPEN -> OPEN on any failure', () => {
    const probing = admitCircuit(openedAt(0), 60_000, config).data;
    const once = succeed(probing, 60_100);
    expect(once).toMatchObject({ state: 'half_open', halfOpenSuccesses: 1, probesInFlight: 0 });
    const again = admitCircuit(once, 60_200, config).data;
    expect(succeed(again, 60_300)).toEqual(initialCircuit(config));
    expect(fail(again, 60_300)).toMatchObject({ state: 'open', openedAt: 60_300 });
  });
});

const events = fc.array(
  fc.record({
    dt: fc.integer({ min: 0, max: 30_000 }),
    event: fc.constantFrom<CircuitEvent>({ type: 'admit' }, { type: 'record', outcome: 'success' }, { type: 'record', outcome: 'failure' }),
  }),
  { maxLength: 200 },
);
const small = fc.record({
  failureThreshold: fc.integer({ min: 1, max: 6 }),
  minimumRequests: fc.integer({ min: 1, max: 12 }),
  recoveryTimeoutMs: fc.integer({ min: 1, max: 90_000 }),
  halfOpenMaxProbes: fc.integer({ min: 1, max: 3 }),
  successThreshold: fc.integer({ min: 1, max: 3 }),
  probeLeaseMs: fc.integer({ min: 1, max: 90_000 }),
});
const ALLOWED: Record<CircuitState, CircuitState[]> = {
  closed: ['closed', 'open'],
  open: ['open', 'half_open'], // open -> half_open happens inside an admit
  half_open: ['half_open', 'open', 'closed'],
};

describe('circuit breaker state properties', () => {
  it('random event sequences never leave the invariants', () => {
    fc.assert(
      fc.property(small, events, (overrides, sequence) => {
        const c = circuitBreakerConfig({ ...overrides, idleTtlMs: 10_000_000 });
        let d = initialCircuit(c);
        let now = 0;
        for (const { dt, event } of sequence) {
          now += dt;
          const before = d;
          const step = stepCircuit(d, event, now, c);
          d = step.data;
          expect(ALLOWED[before.state]).toContain(d.state);
          expect(d.probesInFlight).toBeGreaterThanOrEqual(0);
          expect(d.probesInFlight).toBeLessThanOrEqual(c.halfOpenMaxProbes);
          if (d.state !== 'half_open') expect(d.probesInFlight).toBe(0);
          if (d.state === 'closed') expect(d.consecutiveFailures).toBeLessThan(c.failureThreshold);
          if (before.state === 'open' && now < before.openedAt + c.recoveryTimeoutMs) {
            expect(d.state).toBe('open');
            if (step.decision) expect(step.decision.allowed).toBe(false);
          }
          if (before.state === 'open' && event.type === 'record') expect(d).toBe(before);
          if (step.decision?.allowed && d.state === 'half_open') expect(d.probeStartedAt).toBe(now);
        }
      }),
    );
  });

  it('HALF_OPEN never admits more concurrent probes than halfOpenMaxProbes within a lease', () => {
    fc.assert(
      fc.property(small, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 10_000 }), (overrides, admits, spread) => {
        const c = circuitBreakerConfig({ ...overrides, failureThreshold: 1, probeLeaseMs: 60_000 });
        let d = recordCircuit(initialCircuit(c), 'failure', 0, c);
        let allowed = 0;
        const start = c.recoveryTimeoutMs;
        for (let i = 0; i < admits; i += 1) {
          const step = admitCircuit(d, start + Math.floor((spread * i) / admits), c);
          d = step.data;
          if (step.decision?.allowed) allowed += 1;
        }
        expect(allowed).toBe(Math.min(admits, c.halfOpenMaxProbes));
      }),
    );
  });
});
