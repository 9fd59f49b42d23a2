import type { ProviderCallContext } from '../provider-adapter';

// An upper bound of its own: the caller's signal (the health service's 3 s) normally ends it first.
const HEALTH_CALL_TIMEOUT_MS = 10_000;

/** The call context of a health check: no client request behind it, only the checker's signal. */
export function healthCallContext(signal: AbortSignal): ProviderCallContext {
  return { signal, timeoutMs: HEALTH_CALL_TIMEOUT_MS, requestId: 'health-check' };
}
