import type { ProviderTrafficTotals } from './provider-traffic';

export interface Probe {
  at: number;
  ok: boolean;
  latencyMs: number;
}

export interface TrafficSample extends ProviderTrafficTotals {
  at: number;
}

export interface WindowFigures {
  probes: number;
  probeFailures: number;
  requests: number;
  errors: number;
  errorRate: number | null;
  /** Real calls' average when there were enough of them, else the checks'. */
  latencyMs: number | null;
  /** Metered spend over the last hour, integer nano-USD. */
  costLastHourNanoUsd: number;
}

// Fewer real calls than this in the window: their average latency says little, the checks' is used.
const MIN_CALLS_FOR_LATENCY = 5;
const HOUR_MS = 3_600_000;

/** One provider's recent checks and traffic samples, trimmed to what the figures need. */
export class ProviderWindow {
  private probes: Probe[] = [];
  private samples: TrafficSample[] = [];

  constructor(private readonly windowMs: number) {}

  addProbe(probe: Probe): void {
    this.probes.push(probe);
    this.probes = this.probes.filter((kept) => kept.at > probe.at - this.windowMs);
  }

  addSample(sample: TrafficSample): void {
    this.samples.push(sample);
    const keep = Math.max(this.windowMs, HOUR_MS);
    // Keep one sample older than the horizon, so a delta always spans the whole horizon.
    const firstInside = this.samples.findIndex((kept) => kept.at >= sample.at - keep);
    if (firstInside > 1) this.samples = this.samples.slice(firstInside - 1);
  }

  figures(now: number): WindowFigures {
    const probeFailures = this.probes.filter((probe) => !probe.ok).length;
    const latest = this.samples.at(-1);
    const base = this.baseline(now - this.windowMs);
    const hourBase = this.baseline(now - HOUR_MS);
    const delta = (key: keyof TrafficSample, from: TrafficSample | undefined) => (latest && from ? Math.max(0, latest[key] - from[key]) : 0);
    const requests = delta('requests', base);
    const errors = delta('errors', base);
    const calls = delta('durationCount', base);
    const attempts = this.probes.length + requests;
    const probeLatency = this.probes.length > 0 ? this.probes.reduce((sum, probe) => sum + probe.latencyMs, 0) / this.probes.length : null;
    return {
      probes: this.probes.length,
      probeFailures,
      requests,
      errors,
      errorRate: attempts > 0 ? (probeFailures + errors) / attempts : null,
      latencyMs: calls >= MIN_CALLS_FOR_LATENCY ? (delta('durationSeconds', base) * 1000) / calls : probeLatency,
      costLastHourNanoUsd: Math.round(delta('costUsd', hourBase) * 1e9),
    };
  }

  /** The newest sample at or before `since`, else the oldest one (the process is younger than the horizon). */
  private baseline(since: number): TrafficSample | undefined {
    let found: TrafficSample | undefined;
    for (const sample of this.samples) {
      if (sample.at <= since) found = sample;
      else break;
    }
    return found ?? this.samples[0];
  }
}
