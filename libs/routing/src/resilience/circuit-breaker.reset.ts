import type { CircuitBreakerStore } from './circuit-breaker.store';

/**
 * Resets one model's breaker (provider and model), every breaker of a provider, or all of them.
 * The state is shared (Redis when distributed), so a reset reaches every replica at once.
 */
export async function resetCircuitBreakers(store: CircuitBreakerStore, target: { provider?: string | undefined; model?: string | undefined }) {
  const { provider, model } = target;
  const keys = Object.keys(await store.snapshot());
  const targets =
    provider === undefined ? [undefined] : keys.filter((key) => key.startsWith(`${provider}:`) && (model === undefined || key === `${provider}:${model}`));
  await Promise.all(targets.map((key) => store.reset(key)));
  return { reset: provider === undefined ? ('all' as const) : targets, circuits: await store.snapshot() };
}
