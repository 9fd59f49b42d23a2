import { InMemoryCircuitBreakerStore } from './in-memory-circuit-breaker.store';
import { ObservedCircuitBreakerStore } from './observed-circuit-breaker.store';

describe('ObservedCircuitBreakerStore', () => {
  it('reports each change of state it admits, records or resets, per provider and model', async () => {
    const seen: string[] = [];
    const store = new ObservedCircuitBreakerStore(new InMemoryCircuitBreakerStore({ failureThreshold: 1 }), {
      setBreakerState: (provider, model, state) => seen.push(`${provider}/${model}=${state}`),
    });
    await store.admit('openai:gpt-4o', 0);
    await store.record('openai:gpt-4o', 'failure', 1);
    await store.admit('openai:gpt-4o', 2);
    await store.reset('openai:gpt-4o');
    await store.admit('openai:gpt-4o', 3);
    await store.record('openai:gpt-4o', 'success', 4);
    await store.admit('anthropic:claude', 5);
    // The gauge is set when the state changes, not on every call that sees the same state.
    expect(seen).toEqual(['openai/gpt-4o=closed', 'openai/gpt-4o=open', 'openai/gpt-4o=closed', 'anthropic/claude=closed']);
  });
});
