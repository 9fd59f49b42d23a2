/** One provider's last health check, as readiness reports it. */
export interface ProviderHealth {
  status: 'up' | 'down';
  latencyMs: number;
  /** Taxonomy type and a short message, e.g. 'authentication_error: Incorrect API key provided'. Never a key. */
  error?: string;
  /** ISO 8601. */
  checkedAt: string;
}

/** Every enabled provider by id. */
export type ProviderHealthReport = Record<string, ProviderHealth>;

export interface ProviderHealthOptions {
  /** Per-provider budget; a slower answer counts as down. */
  timeoutMs: number;
  /** How long a report is reused, so frequent probes from many pods do not hammer providers. */
  cacheTtlMs: number;
}

export const DEFAULT_PROVIDER_HEALTH_OPTIONS: ProviderHealthOptions = { timeoutMs: 3_000, cacheTtlMs: 10_000 };
