import type { CircuitBreakerConfig } from './circuit-breaker';
import type { CircuitBreakerStore, SuccessBatchingStore } from './circuit-breaker.store';

/** Builds a fresh, isolated store (own key space) for one test. */
export type StoreFactory = (config?: Partial<CircuitBreakerConfig>) => SuccessBatchingStore;

const T0 = 1_700_000_000_000;
const KEY = 'openai:gpt-4o';

/** The behaviour every CircuitBreakerStore adapter must show; run by each adapter's own spec. */
export function describeCircuitBreakerStoreContract(label: string, makeStore: () => StoreFactory): void {
  describe(`CircuitBreakerStore contract: ${label}`, () => {
    let factory: StoreFactory;
    beforeAll(() => {
      factory = makeStore();
    });

    async function failTimes(store: CircuitBreakerStore, times: number, at: number, key = KEY): Promise<void> {
      for (let i = 0; i < times; i += 1) await store.record(key, 'failure', at);
    }

    it('reads an unknown key as closed and admits it', async () => {
      const store = factory();
      await expect(store.admit(KEY, T0)).resolves.toEqual({ allowed: true, state: 'closed' });
      const views = await store.snapshot([KEY], T0);
      expect(views[KEY]).toMatchObject({ state: 'closed', failures: 0, consecutiveFailures: 0 });
    });

    it('opens after failureThreshold consecutive failures and refuses until the recovery timeout', async () => {
      const store = factory({ failureThreshold: 5, recoveryTimeoutMs: 60_000 });
      await failTimes(store, 4, T0);
      await expect(store.admit(KEY, T0)).resolves.toMatchObject({ allowed: true, state: 'closed' });
      await expect(store.record(KEY, 'failure', T0 + 10)).resolves.toBe('open');
      await expect(store.admit(KEY, T0 + 59_999)).resolves.toEqual({ allowed: false, state: 'open', retryAt: T0 + 60_010 });
    });

    it('a success resets the consecutive failure count', async () => {
      const store = factory({ failureThreshold: 5, minimumRequests: 100 });
      await failTimes(store, 4, T0);
      await store.record(KEY, 'success', T0);
      await failTimes(store, 4, T0);
      await expect(store.admit(KEY, T0)).resolves.toMatchObject({ allowed: true, state: 'closed' });
    });

    it('opens on a failure rate >= threshold once minimumRequests were seen in the window', async () => {
      const store = factory({ failureThreshold: 100, minimumRequests: 10, failureRateThreshold: 0.5 });
      for (let i = 0; i < 9; i += 1) {
        await expect(store.record(KEY, i % 2 === 1 ? 'failure' : 'success', T0 + i)).resolves.toBe('closed');
      }
      await expect(store.record(KEY, 'success', T0 + 9)).resolves.toBe('closed'); // 4 / 10
      await expect(store.record(KEY, 'failure', T0 + 10)).resolves.toBe('closed'); // 5 / 11
      await expect(store.record(KEY, 'failure', T0 + 11)).resolves.toBe('open'); // 6 / 12 = 50 %
    });

    it('does not judge the failure rate below minimumRequests', async () => {
      const store = factory({ failureThreshold: 100, minimumRequests: 10 });
      await failTimes(store, 9, T0);
      await expect(store.admit(KEY, T0)).resolves.toMatchObject({ allowed: true, state: 'closed' });
      await expect(store.record(KEY, 'success', T0)).resolves.toBe('open'); // 9 / 10
    });

    it('forgets outcomes that rolled out of the window', async () => {
      const store = factory({ failureThreshold: 100, minimumRequests: 4, windowMs: 60_000, windowBuckets: 6 });
      await failTimes(store, 3, T0);
      // 70 s later the three failures are outside the 60 s window: 1 failure + 3 successes = 25 %.
      const later = T0 + 70_000;
      await store.record(KEY, 'success', later);
      await store.record(KEY, 'success', later);
      await store.record(KEY, 'success', later);
      await expect(store.record(KEY, 'failure', later)).resolves.toBe('closed');
      const views = await store.snapshot([KEY], later);
      expect(views[KEY]).toMatchObject({ windowRequests: 4, windowFailures: 1 });
    });

    it('half-opens after the recovery timeout and admits at most halfOpenMaxProbes concurrent probes', async () => {
      const store = factory({ failureThreshold: 1, recoveryTimeoutMs: 1_000, halfOpenMaxProbes: 1 });
      await failTimes(store, 1, T0);
      await expect(store.admit(KEY, T0 + 1_000)).resolves.toEqual({ allowed: true, state: 'half_open' });
      await expect(store.admit(KEY, T0 + 1_001)).resolves.toMatchObject({ allowed: false, state: 'half_open' });
    });

    it('never lets more than halfOpenMaxProbes probes through concurrent admits', async () => {
      const store = factory({ failureThreshold: 1, recoveryTimeoutMs: 1_000, halfOpenMaxProbes: 2 });
      await failTimes(store, 1, T0);
      const decisions = await Promise.all(Array.from({ length: 20 }, () => store.admit(KEY, T0 + 2_000)));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(2);
    });

    it('closes after successThreshold successful probes', async () => {
      const store = factory({ failureThreshold: 1, recoveryTimeoutMs: 1_000, successThreshold: 2 });
      await failTimes(store, 1, T0);
      await store.admit(KEY, T0 + 1_000);
      await expect(store.record(KEY, 'success', T0 + 1_100)).resolves.toBe('half_open');
      await expect(store.admit(KEY, T0 + 1_200)).resolves.toMatchObject({ allowed: true, state: 'half_open' });
      await expect(store.record(KEY, 'success', T0 + 1_300)).resolves.toBe('closed');
      await expect(store.admit(KEY, T0 + 1_400)).resolves.toEqual({ allowed: true, state: 'closed' });
    });

    it('re-opens on a failed probe, with a fresh recovery timeout', async () => {
      const store = factory({ failureThreshold: 1, recoveryTimeoutMs: 1_000 });
      await failTimes(store, 1, T0);
      await store.admit(KEY, T0 + 1_000);
      await expect(store.record(KEY, 'failure', T0 + 1_500)).resolves.toBe('open');
      await expect(store.admit(KEY, T0 + 2_400)).resolves.toEqual({ allowed: false, state: 'open', retryAt: T0 + 2_500 });
    });

    it('frees a probe slot whose outcome never came back after probeLeaseMs', async () => {
      const store = factory({ failureThreshold: 1, recoveryTimeoutMs: 1_000, probeLeaseMs: 5_000 });
      await failTimes(store, 1, T0);
      await store.admit(KEY, T0 + 1_000);
      await expect(store.admit(KEY, T0 + 5_999)).resolves.toMatchObject({ allowed: false, retryAt: T0 + 6_000 });
      await expect(store.admit(KEY, T0 + 6_000)).resolves.toEqual({ allowed: true, state: 'half_open' });
    });

    it('ignores late outcomes while open', async () => {
      const store = factory({ failureThreshold: 1, recoveryTimeoutMs: 1_000 });
      await failTimes(store, 1, T0);
      await expect(store.record(KEY, 'success', T0 + 10)).resolves.toBe('open');
      await expect(store.admit(KEY, T0 + 999)).resolves.toMatchObject({ allowed: false, retryAt: T0 + 1_000 });
    });

    it('records a batch of successes in the window and ends a failure streak', async () => {
      const store = factory({ failureThreshold: 3, minimumRequests: 10, failureRateThreshold: 0.5 });
      await failTimes(store, 2, T0);
      await expect(store.recordSuccesses(KEY, 7, T0 + 5)).resolves.toBe('closed');
      await failTimes(store, 2, T0 + 6);
      const views = await store.snapshot([KEY], T0 + 6);
      expect(views[KEY]).toMatchObject({ state: 'closed', consecutiveFailures: 2, windowRequests: 11, windowFailures: 4 });
    });

    it('ignores a batch of successes once the breaker left closed (it never closes a half-open one)', async () => {
      const store = factory({ failureThreshold: 1, recoveryTimeoutMs: 1_000, successThreshold: 1 });
      await failTimes(store, 1, T0);
      await expect(store.recordSuccesses(KEY, 5, T0 + 10)).resolves.toBe('open');
      await store.admit(KEY, T0 + 1_000);
      await expect(store.recordSuccesses(KEY, 5, T0 + 1_001)).resolves.toBe('half_open');
      await expect(store.admit(KEY, T0 + 1_002)).resolves.toMatchObject({ allowed: false, state: 'half_open' });
    });

    it('keeps one breaker per key, snapshots every known key and resets one or all', async () => {
      const store = factory({ failureThreshold: 1 });
      await failTimes(store, 1, T0, 'a:m');
      await store.record('b:m', 'success', T0);
      const all = await store.snapshot(undefined, T0);
      expect(Object.keys(all).sort()).toEqual(['a:m', 'b:m']);
      expect(all['a:m']).toMatchObject({ state: 'open', openedAt: T0 });
      expect(all['b:m']).toMatchObject({ state: 'closed', windowRequests: 1 });

      await store.reset('a:m');
      await expect(store.admit('a:m', T0)).resolves.toEqual({ allowed: true, state: 'closed' });
      await failTimes(store, 1, T0, 'a:m');
      await store.reset();
      await expect(store.snapshot(undefined, T0)).resolves.toEqual({});
      await expect(store.admit('a:m', T0)).resolves.toEqual({ allowed: true, state: 'closed' });
    });
  });
}
