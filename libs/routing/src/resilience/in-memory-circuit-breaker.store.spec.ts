import { describeCircuitBreakerStoreContract } from './circuit-breaker.store.contract';
import { InMemoryCircuitBreakerStore } from './in-memory-circuit-breaker.store';

describeCircuitBreakerStoreContract('in-memory', () => (config) => new InMemoryCircuitBreakerStore(config));

describe('InMemoryCircuitBreakerStore', () => {
  it('forgets a breaker left idle for idleTtlMs', async () => {
    const store = new InMemoryCircuitBreakerStore({ failureThreshold: 1, recoveryTimeoutMs: 300_000, idleTtlMs: 400_000 });
    await store.record('k', 'failure', 0);
    await expect(store.admit('k', 299_999)).resolves.toMatchObject({ allowed: false, state: 'open' });
    await expect(store.admit('k', 400_000)).resolves.toEqual({ allowed: true, state: 'closed' });
    await expect(store.snapshot(undefined, 400_000)).resolves.toEqual({});
  });
});
