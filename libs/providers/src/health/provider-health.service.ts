import { GatewayError } from '@llmgw/contracts';
import { redactGoogleSecrets } from '../gemini/gemini.errors';
import type { ProviderAdapter } from '../provider-adapter';
import {
  DEFAULT_PROVIDER_HEALTH_OPTIONS,
  type ProviderHealth,
  type ProviderHealthOptions,
  type ProviderHealthReport,
} from './provider-health';

const MAX_ERROR_LENGTH = 200;

/**
 * Checks every enabled provider concurrently with its cheapest authenticated read and caches the
 * report; concurrent callers share one round of checks. Adapters without `checkHealth` cannot be
 * judged and are reported up (their first real call will tell).
 */
export class ProviderHealthService {
  private readonly options: ProviderHealthOptions;
  private cached: { report: ProviderHealthReport; expiresAt: number } | undefined;
  private inFlight: Promise<ProviderHealthReport> | undefined;

  constructor(
    private readonly adapters: readonly ProviderAdapter[],
    options: Partial<ProviderHealthOptions> = {},
  ) {
    this.options = { ...DEFAULT_PROVIDER_HEALTH_OPTIONS, ...options };
  }

  /** The cached report while fresh, else a new round of checks. */
  async check(): Promise<ProviderHealthReport> {
    if (this.cached && Date.now() < this.cached.expiresAt) return this.cached.report;
    this.inFlight ??= this.checkAll().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async checkAll(): Promise<ProviderHealthReport> {
    const entries = await Promise.all(this.adapters.map(async (adapter) => [adapter.id, await this.checkProvider(adapter)] as const));
    const report: ProviderHealthReport = Object.fromEntries(entries);
    this.cached = { report, expiresAt: Date.now() + this.options.cacheTtlMs };
    return report;
  }

  /** One provider's check now, uncached (the health monitor's probe); `timeoutMs` overrides the default budget. */
  async checkProvider(adapter: ProviderAdapter, timeoutMs = this.options.timeoutMs): Promise<ProviderHealth> {
    const started = performance.now();
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // Raced as well as signalled: an adapter that ignores the signal still cannot hold readiness.
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`timeout_error: no answer within ${timeoutMs} ms`);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    });
    try {
      const check = adapter.checkHealth?.(controller.signal) ?? Promise.resolve();
      check.catch(() => undefined); // after a timeout its own failure is moot, never unhandled (that would crash the process)
      await Promise.race([check, timedOut]);
      return { status: 'up', latencyMs: elapsed(started), checkedAt: new Date().toISOString() };
    } catch (error) {
      const reason = controller.signal.aborted ? controller.signal.reason : error;
      return { status: 'down', latencyMs: elapsed(started), error: describe(reason), checkedAt: new Date().toISOString() };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Whether a gateway with these providers can serve: at least one is up. */
export function anyProviderUp(report: ProviderHealthReport): boolean {
  return Object.values(report).some((health) => health.status === 'up');
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

// Adapter messages are already redacted; redacting again costs nothing. The cut keeps long upstream bodies out of probes.
function describe(error: unknown): string {
  const raw =
    error instanceof GatewayError
      ? `${error.type}: ${error.message}`
      : error instanceof Error
        ? error.message
        : 'upstream_error: unknown failure';
  const text = redactGoogleSecrets(raw);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
