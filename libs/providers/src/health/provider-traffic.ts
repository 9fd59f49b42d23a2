import { register, type Registry } from 'prom-client';

/** Cumulative counts of real calls to one provider, since the process started. */
export interface ProviderTrafficTotals {
  requests: number;
  /** Calls that failed for a reason on the provider's side (not the caller's, not our limits). */
  errors: number;
  durationSeconds: number;
  durationCount: number;
  costUsd: number;
}

/** Where the monitor learns about real traffic: cumulative totals per provider id. */
export interface ProviderTrafficSource {
  totals(): Promise<Record<string, ProviderTrafficTotals>>;
}

// Outcomes that say something about the provider; the caller's mistakes and our own refusals do not.
const PROVIDER_FAILURES = new Set(['upstream_error', 'service_unavailable', 'timeout_error', 'rate_limit_error', 'authentication_error', 'permission_error', 'internal_error']);

const NAMES = { requests: 'llm_gateway_requests_total', duration: 'llm_gateway_request_duration_seconds', cost: 'llm_gateway_cost_usd_total' };

/**
 * Real traffic as the gateway's own Prometheus series count it (requests by status, latency,
 * cost): nothing on the request path changes, the monitor reads the counters. Empty in a
 * process without those series (the admin API), where only the checks count.
 */
export function prometheusTrafficSource(registry: Registry = register): ProviderTrafficSource {
  return {
    async totals() {
      const totals: Record<string, ProviderTrafficTotals> = {};
      const of = (provider: unknown) => (totals[String(provider)] ??= { requests: 0, errors: 0, durationSeconds: 0, durationCount: 0, costUsd: 0 });
      const values = async (name: string) => (await registry.getSingleMetric(name)?.get())?.values ?? [];
      for (const { labels, value } of await values(NAMES.requests)) {
        const totalsOf = of(labels.provider);
        totalsOf.requests += value;
        if (PROVIDER_FAILURES.has(String(labels.status))) totalsOf.errors += value;
      }
      for (const sample of await values(NAMES.duration)) {
        const name = (sample as { metricName?: string }).metricName;
        if (name === `${NAMES.duration}_sum`) of(sample.labels.provider).durationSeconds += sample.value;
        if (name === `${NAMES.duration}_count`) of(sample.labels.provider).durationCount += sample.value;
      }
      for (const { labels, value } of await values(NAMES.cost)) of(labels.provider).costUsd += value;
      return totals;
    },
  };
}
