import { BatchingCircuitBreakerStore } from './batching-circuit-breaker.store';
import type { CallOutcome } from './circuit-breaker';
import { InMemoryCircuitBreakerStore } from './in-memory-circuit-breaker.store';

const T0 = 1_700_000_000_000;
const KEY = 'openai:gpt-4o';
const SYNC_MS = 250;
const clock = { now: () => T0 + 1 };

/** The shared store (in memory here), counting what reaches it. */
function sharedStore(config: ConstructorParameters<typeof InMemoryCircuitBreakerStore>[0] = {}) {
  const store = new InMemoryCircuitBreakerStore(config);
  const calls = { admit: 0, record: 0, recordSuccesses: 0 };
  const counted = Object.assign(Object.create(store) as InMemoryCircuitBreakerStore, {
    admit: (key: string, now: number) => ((calls.admit += 1), store.admit(key, now)),
    record: (key: string, outcome: CallOutcome, now: number) => ((calls.record += 1), store.record(key, outcome, now)),
    recordSuccesses: (key: string, count: number, now: number) => ((calls.recordSuccesses += 1), store.recordSuccesses(key, count, now)),
  });
  return { store, counted, calls };
}

describe('BatchingCircuitBreakerStore', () => {
  afterEach(() => jest.useRealTimers());

  it('admits a breaker it saw closed without asking the shared store, until syncMs passed', async () => {
    const { counted, calls } = sharedStore();
    const batching = new BatchingCircuitBreakerStore(counted, { syncMs: SYNC_MS, clock });
    await expect(batching.admit(KEY, T0)).resolves.toEqual({ allowed: true, state: 'closed' });
    for (let i = 1; i < 100; i += 1) await batching.admit(KEY, T0 + i);
    expect(calls.admit).toBe(1);
    await batching.admit(KEY, T0 + SYNC_MS);
    expect(calls.admit).toBe(2);
  });

  it('sums successes and sends them in one batch', async () => {
    const { store, counted, calls } = sharedStore();
    const batching = new BatchingCircuitBreakerStore(counted, { syncMs: SYNC_MS, clock });
    await batching.admit(KEY, T0);
    for (let i = 0; i < 40; i += 1) await expect(batching.record(KEY, 'success', T0 + 1)).resolves.toBe('closed');
    expect(calls.record + calls.recordSuccesses).toBe(0);
    await batching.flush();
    expect(calls.recordSuccesses).toBe(1);
    expect((await store.snapshot([KEY], T0 + 2))[KEY]).toMatchObject({ windowRequests: 40, windowFailures: 0 });
  });

  it('batches the success of a call that outlived its view of the breaker', async () => {
    const { counted, calls } = sharedStore();
    const batching = new BatchingCircuitBreakerStore(counted, { syncMs: SYNC_MS, clock });
    await batching.admit(KEY, T0);
    await batching.record(KEY, 'success', T0 + 10 * SYNC_MS);
    expect(calls.record + calls.recordSuccesses).toBe(0);
  });

  it('sends the flush on its own after syncMs', async () => {
    jest.useFakeTimers();
    const { store, counted } = sharedStore();
    const batching = new BatchingCircuitBreakerStore(counted, { syncMs: SYNC_MS, clock });
    await batching.admit(KEY, T0);
    await batching.record(KEY, 'success', T0 + 1);
    await jest.advanceTimersByTimeAsync(SYNC_MS);
    expect((await store.snapshot([KEY], T0 + 2))[KEY]).toMatchObject({ windowRequests: 1 });
  });

  it('lands pending successes before a failure, so a broken streak does not trip the breaker', async () => {
    const { counted } = sharedStore({ failureThreshold: 3, minimumRequests: 100 });
    const batching = new BatchingCircuitBreakerStore(counted, { syncMs: SYNC_MS, clock });
    await batching.admit(KEY, T0);
    await batching.record(KEY, 'failure', T0 + 1);
    await batching.record(KEY, 'failure', T0 + 2);
    await batching.record(KEY, 'success', T0 + 3);
    await expect(batching.record(KEY, 'failure', T0 + 4)).resolves.toBe('closed');
    await expect(batching.record(KEY, 'failure', T0 + 5)).resolves.toBe('closed');
    await expect(batching.record(KEY, 'failure', T0 + 6)).resolves.toBe('open');
  });

  it('never admits an open breaker locally', async () => {
    const { counted, calls } = sharedStore({ failureThreshold: 1, recoveryTimeoutMs: 60_000 });
    const batching = new BatchingCircuitBreakerStore(counted, { syncMs: SYNC_MS, clock });
    await batching.admit(KEY, T0);
    await expect(batching.record(KEY, 'failure', T0 + 1)).resolves.toBe('open');
    await expect(batching.admit(KEY, T0 + 2)).resolves.toMatchObject({ allowed: false, state: 'open' });
    await expect(batching.admit(KEY, T0 + 3)).resolves.toMatchObject({ allowed: false, state: 'open' });
    expect(calls.admit).toBe(3);
  });

  it("sees another replica's trip once its view is older than syncMs", async () => {
    const { counted } = sharedStore({ failureThreshold: 1, recoveryTimeoutMs: 60_000 });
    const replicaA = new BatchingCircuitBreakerStore(counted, { syncMs: SYNC_MS, clock });
    const replicaB = new BatchingCircuitBreakerStore(counted, { syncMs: SYNC_MS, clock });
    await replicaA.admit(KEY, T0);
    await replicaB.admit(KEY, T0);
    await replicaB.record(KEY, 'failure', T0 + 10);
    await expect(replicaA.admit(KEY, T0 + SYNC_MS - 1)).resolves.toMatchObject({ allowed: true });
    await expect(replicaA.admit(KEY, T0 + SYNC_MS)).resolves.toMatchObject({ allowed: false, state: 'open' });
  });

  it('flushes pending successes on shutdown and counts a batch the shared store refused as an error', async () => {
    const { store, counted } = sharedStore();
    const errors: unknown[] = [];
    const batching = new BatchingCircuitBreakerStore(counted, { syncMs: SYNC_MS, clock, onError: (error) => errors.push(error) });
    await batching.admit(KEY, T0);
    await batching.record(KEY, 'success', T0 + 1);
    await batching.onApplicationShutdown();
    expect((await store.snapshot([KEY], T0 + 2))[KEY]).toMatchObject({ windowRequests: 1 });

    const failing = new BatchingCircuitBreakerStore(
      Object.assign(Object.create(store) as InMemoryCircuitBreakerStore, { recordSuccesses: () => Promise.reject(new Error('redis down')) }),
      { syncMs: SYNC_MS, clock, onError: (error) => errors.push(error) },
    );
    await failing.admit(KEY, T0);
    await failing.record(KEY, 'success', T0 + 1);
    await expect(failing.flush()).resolves.toBeUndefined();
    expect(errors).toEqual([new Error('redis down')]);
  });
});
