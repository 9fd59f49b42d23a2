import { Injectable } from '@nestjs/common';

export type ModelHealth = 'healthy' | 'degraded' | 'down';

export interface LiveModelStats {
  samples: number;
  /** EWMA of outcomes (1 success, 0 failure). */
  successRate: number;
  /** EWMA of successful calls' latency, ms. */
  latencyEwmaMs: number | null;
  /** EWMA of successful calls' cost, integer nano-dollars. */
  averageCostNanoUsd: number | null;
  consecutiveFailures: number;
  health: ModelHealth;
}

// Recent calls weigh most: after ~10 calls the prior is mostly forgotten.
const OUTCOME_ALPHA = 0.1;
const LATENCY_ALPHA = 0.2;
// The seeds' thresholds: an error rate above 10% degrades, latency above 5 s degrades.
const DEGRADED_SUCCESS_RATE = 0.9;
const DEGRADED_LATENCY_MS = 5_000;
const DOWN_SUCCESS_RATE = 0.5;
const DOWN_CONSECUTIVE_FAILURES = 3;

/**
 * What this replica has measured per model (`provider/model`): the router's reliability and
 * latency terms use it instead of the priors once there are samples.
 */
@Injectable()
export class LiveModelMetrics {
  private readonly stats = new Map<string, Omit<LiveModelStats, 'health'>>();

  record(key: string, outcome: { ok: boolean; latencyMs: number; costNanoUsd?: number }): void {
    const previous = this.stats.get(key);
    const ok = outcome.ok ? 1 : 0;
    this.stats.set(key, {
      samples: (previous?.samples ?? 0) + 1,
      successRate: previous ? previous.successRate + OUTCOME_ALPHA * (ok - previous.successRate) : ok,
      latencyEwmaMs: outcome.ok ? ewma(previous?.latencyEwmaMs ?? null, outcome.latencyMs, LATENCY_ALPHA) : (previous?.latencyEwmaMs ?? null),
      averageCostNanoUsd: previous?.averageCostNanoUsd ?? null,
      consecutiveFailures: outcome.ok ? 0 : (previous?.consecutiveFailures ?? 0) + 1,
    });
    if (outcome.ok && outcome.costNanoUsd !== undefined) this.recordCost(key, outcome.costNanoUsd);
  }

  /** The metered cost of a finished call (known only once its usage is). */
  recordCost(key: string, costNanoUsd: number): void {
    const stats = this.stats.get(key);
    if (stats) stats.averageCostNanoUsd = Math.round(ewma(stats.averageCostNanoUsd, costNanoUsd, LATENCY_ALPHA));
  }

  snapshot(): Record<string, LiveModelStats> {
    return Object.fromEntries([...this.stats].map(([key, stats]) => [key, { ...stats, health: healthOf(stats) }]));
  }

  /** In the scorer's terms: only what has been measured. */
  forScoring(): Record<string, { successRate: number; latencyEwmaMs?: number }> {
    return Object.fromEntries(
      [...this.stats].map(([key, stats]) => [key, { successRate: stats.successRate, ...(stats.latencyEwmaMs !== null ? { latencyEwmaMs: stats.latencyEwmaMs } : {}) }]),
    );
  }
}

function ewma(previous: number | null, value: number, alpha: number): number {
  return previous === null ? value : previous + alpha * (value - previous);
}

export function healthOf(stats: Pick<LiveModelStats, 'successRate' | 'latencyEwmaMs' | 'consecutiveFailures'>): ModelHealth {
  if (stats.consecutiveFailures >= DOWN_CONSECUTIVE_FAILURES || stats.successRate < DOWN_SUCCESS_RATE) return 'down';
  if (stats.successRate < DEGRADED_SUCCESS_RATE || (stats.latencyEwmaMs ?? 0) > DEGRADED_LATENCY_MS) return 'degraded';
  return 'healthy';
}
