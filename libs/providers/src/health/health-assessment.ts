/** Healthy serves; degraded serves but is alerted on; down is out of routing until it recovers. */
export type HealthStatus = 'healthy' | 'degraded' | 'down';

export interface HealthThresholds {
  /** Consecutive failed checks that mark a provider down. */
  downAfterFailures: number;
  /** Consecutive good checks that bring a down provider back. */
  upAfterSuccesses: number;
  /** Above this (0..1) a provider is degraded. */
  degradedErrorRate: number;
  /** Above this average latency a provider is degraded. */
  degradedLatencyMs: number;
}

export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = { downAfterFailures: 3, upAfterSuccesses: 2, degradedErrorRate: 0.1, degradedLatencyMs: 5_000 };

/** What the monitor measured over its window. */
export interface HealthInputs {
  previous: HealthStatus;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  /** 0..1, over checks and real calls in the window; null when nothing was measured. */
  errorRate: number | null;
  /** Average, real calls when there were enough of them, else the checks; null when unknown. */
  latencyMs: number | null;
}

export interface HealthAssessment {
  status: HealthStatus;
  /** 0 (down) .. 1: (1 - error rate) x latency factor / (1 + consecutive failures). */
  score: number;
  /** Why it is not healthy, e.g. 'error rate 25% > 10%'. */
  reasons: string[];
}

/**
 * The status with hysteresis: a provider goes down after N consecutive failed checks and comes
 * back only after M consecutive good ones, so one lucky or unlucky check does not flap routing.
 */
export function assessHealth(inputs: HealthInputs, thresholds: HealthThresholds): HealthAssessment {
  const reasons: string[] = [];
  const { errorRate, latencyMs, consecutiveFailures } = inputs;
  if (consecutiveFailures > 0) reasons.push(`${consecutiveFailures} consecutive failed check${consecutiveFailures > 1 ? 's' : ''}`);
  if (errorRate !== null && errorRate > thresholds.degradedErrorRate)
    reasons.push(`error rate ${percent(errorRate)} > ${percent(thresholds.degradedErrorRate)}`);
  if (latencyMs !== null && latencyMs > thresholds.degradedLatencyMs) reasons.push(`latency ${Math.round(latencyMs)} ms > ${thresholds.degradedLatencyMs} ms`);

  const stillDown = inputs.previous === 'down' && inputs.consecutiveSuccesses < thresholds.upAfterSuccesses;
  if (consecutiveFailures >= thresholds.downAfterFailures || stillDown) {
    if (stillDown && consecutiveFailures === 0) reasons.push(`recovering: ${inputs.consecutiveSuccesses}/${thresholds.upAfterSuccesses} good checks`);
    return { status: 'down', score: 0, reasons };
  }
  const latencyFactor = latencyMs === null ? 1 : latencyMs <= thresholds.degradedLatencyMs ? 1 - (0.5 * latencyMs) / thresholds.degradedLatencyMs : (0.5 * thresholds.degradedLatencyMs) / latencyMs;
  const score = ((1 - (errorRate ?? 0)) * latencyFactor) / (1 + consecutiveFailures);
  return { status: reasons.length > 0 ? 'degraded' : 'healthy', score: Math.round(score * 1000) / 1000, reasons };
}

function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}
