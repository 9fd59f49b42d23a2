import { InMemoryCircuitBreakerStore } from './in-memory-circuit-breaker.store';
import { ObservedCircuitBreakerStore } from './observed-circuit-breaker.store';

describe('ObservedCircuitBreakerStore', () => {
  it('reports each state it admits, records or resets, per provider and model', async () => {
    const seen: string[] = [];
    const store = new ObservedCircuitBreakerStore(new InMemoryCircuitBreakerStore({ failureThreshold: 1 }), {
      setBreakerState: (provider, model, state) => seen.push(`${provider}/${model}=${state}`),
    });
    await store.admit('openai:gpt-4o', 0);
    await store.record('openai:gpt-4o', 'failure', 1);
    await store.admit('openai:gpt-4o', 2);
    await store.reset('openai:gpt-4o');
    expect(seen).toEqual(['openai/gpt-4o=closed', 'openai/gpt-4o=open', 'openai/gpt-4o=open', 'openai/gpt-4o=closed']);
  });
});
