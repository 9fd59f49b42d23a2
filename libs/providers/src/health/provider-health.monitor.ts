import { randomUUID } from 'node:crypto';
import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ProviderAdapter } from '../provider-adapter';
import type { ProvidersOpsMetrics } from '../ops/providers-ops.metrics';
import { assessHealth, type HealthStatus, type HealthThresholds } from './health-assessment';
import type { ProviderAlert, ProviderAlertKind, ProviderAlertSink } from './provider-alert';
import { ProviderAvailability } from './provider-availability';
import type { ProviderHealthService } from './provider-health.service';
import type { ProviderTrafficSource } from './provider-traffic';
import { ProviderWindow, type WindowFigures } from './provider-window';

export interface ProviderHealthMonitorOptions extends HealthThresholds {
  /** 0: no periodic rounds (call `runOnce`). */
  intervalMs: number;
  checkTimeoutMs: number;
  windowMs: number;
  /** Spend of one provider over the last hour that raises an alert, nano-USD. */
  costAlertNanoUsdPerHour: number;
  /** Called after every round (e.g. to refresh gauges that change with time). */
  afterRound?: () => void;
  now?: () => number;
}

/** One provider as the monitor sees it. */
export interface ProviderHealthState {
  provider: string;
  status: HealthStatus;
  /** False while down: out of routing (unless every provider is down). */
  available: boolean;
  score: number;
  reasons: string[];
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  window: WindowFigures | null;
  /** ISO 8601 of the last check and when the status last changed. */
  lastCheckAt: string | null;
  statusSince: string;
  lastError: string | null;
}

const STATUS_VALUE: Record<HealthStatus, number> = { healthy: 0, degraded: 1, down: 2 };
const MAX_ALERTS_KEPT = 200;

/**
 * Checks every provider every interval, scores it from latency, error rate (checks and real
 * traffic) and consecutive failures, takes it out of routing when down and back when it
 * recovers, and raises alerts (metrics, the admin API's list, the sinks) on each change of
 * status and when one provider's spend over the last hour passes the threshold. If every
 * provider is down, all stay routable: the checks may be what is broken, and refusing everything
 * helps nobody.
 */
export class ProviderHealthMonitor extends ProviderAvailability implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ProviderHealth');
  private readonly states = new Map<string, ProviderHealthState>();
  private readonly windows = new Map<string, ProviderWindow>();
  private readonly costAlerting = new Set<string>();
  private readonly alertLog: ProviderAlert[] = [];
  private readonly deliveries = new Set<Promise<void>>();
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;

  constructor(
    private readonly adapters: readonly ProviderAdapter[],
    private readonly checks: ProviderHealthService,
    private readonly traffic: ProviderTrafficSource,
    private readonly options: ProviderHealthMonitorOptions,
    private readonly sinks: readonly ProviderAlertSink[] = [],
    private readonly metrics: ProvidersOpsMetrics | null = null,
  ) {
    super();
    this.now = options.now ?? Date.now;
    const since = new Date(this.now()).toISOString();
    for (const adapter of adapters) {
      this.states.set(adapter.id, { provider: adapter.id, status: 'healthy', available: true, score: 1, reasons: [], consecutiveFailures: 0, consecutiveSuccesses: 0, window: null, lastCheckAt: null, statusSince: since, lastError: null });
      this.windows.set(adapter.id, new ProviderWindow(options.windowMs));
      this.metrics?.health.set({ provider: adapter.id }, 0);
      this.metrics?.healthScore.set({ provider: adapter.id }, 1);
    }
  }

  onModuleInit(): void {
    if (this.options.intervalMs <= 0 || this.adapters.length === 0) return;
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.options.intervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.round;
    await this.drainAlerts();
  }

  isAvailable(providerId: string): boolean {
    const state = this.states.get(providerId);
    if (!state || state.status !== 'down') return true;
    return [...this.states.values()].every((other) => other.status === 'down');
  }

  snapshot(): ProviderHealthState[] {
    return [...this.states.values()].map((state) => ({ ...state, available: this.isAvailable(state.provider) }));
  }

  state(providerId: string): ProviderHealthState | undefined {
    return this.snapshot().find((state) => state.provider === providerId);
  }

  /** Newest first. */
  alerts(limit = 50): ProviderAlert[] {
    return this.alertLog.slice(-limit).reverse();
  }

  /** One round of checks; concurrent callers share it. */
  runOnce(): Promise<void> {
    this.round ??= this.check().finally(() => (this.round = undefined));
    return this.round;
  }

  /** Resolves when alerts raised so far have been delivered (or given up). */
  async drainAlerts(): Promise<void> {
    await Promise.all([...this.deliveries]);
  }

  private async check(): Promise<void> {
    try {
      const [results, totals] = await Promise.all([
        Promise.all(this.adapters.map((adapter) => this.checks.checkProvider(adapter, this.options.checkTimeoutMs))),
        this.traffic.totals().catch(() => ({}) as Awaited<ReturnType<ProviderTrafficSource['totals']>>),
      ]);
      const at = this.now();
      this.adapters.forEach((adapter, index) => {
        const result = results[index];
        const window = this.windows.get(adapter.id);
        const state = this.states.get(adapter.id);
        if (!result || !window || !state) return;
        window.addProbe({ at, ok: result.status === 'up', latencyMs: result.latencyMs });
        const seen = totals[adapter.id];
        if (seen) window.addSample({ at, ...seen });
        this.update(state, result.status === 'up', result.error ?? null, window.figures(at), at);
      });
      this.options.afterRound?.();
    } catch (error) {
      this.logger.error(`health round failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private update(state: ProviderHealthState, ok: boolean, error: string | null, figures: WindowFigures, at: number): void {
    const consecutiveFailures = ok ? 0 : state.consecutiveFailures + 1;
    const consecutiveSuccesses = ok ? state.consecutiveSuccesses + 1 : 0;
    const assessed = assessHealth(
      { previous: state.status, consecutiveFailures, consecutiveSuccesses, errorRate: figures.errorRate, latencyMs: figures.latencyMs },
      this.options,
    );
    const previous = state.status;
    Object.assign(state, {
      ...assessed,
      consecutiveFailures,
      consecutiveSuccesses,
      window: figures,
      lastCheckAt: new Date(at).toISOString(),
      lastError: ok ? state.lastError : error,
      ...(assessed.status !== previous ? { statusSince: new Date(at).toISOString() } : {}),
    });
    this.metrics?.health.set({ provider: state.provider }, STATUS_VALUE[assessed.status]);
    this.metrics?.healthScore.set({ provider: state.provider }, assessed.score);
    if (assessed.status !== previous) this.statusChanged(state, previous);
    this.checkCost(state.provider, figures.costLastHourNanoUsd);
  }

  private statusChanged(state: ProviderHealthState, previous: HealthStatus): void {
    const details = { previous, status: state.status, score: state.score, reasons: state.reasons, window: state.window, lastError: state.lastError };
    if (state.status === 'down') {
      this.raise('provider_down', 'critical', state.provider, `${state.provider} is down and out of routing: ${state.reasons.join('; ')}`, details);
    } else if (previous === 'down' || state.status === 'healthy') {
      this.raise('provider_recovered', 'info', state.provider, `${state.provider} is ${state.status} again${previous === 'down' ? ' and back in routing' : ''}`, details);
    } else {
      this.raise('provider_degraded', 'warning', state.provider, `${state.provider} is degraded: ${state.reasons.join('; ')}`, details);
    }
  }

  /** Once when the hourly spend passes the threshold; again only after it fell back below. */
  private checkCost(provider: string, costLastHourNanoUsd: number): void {
    const over = costLastHourNanoUsd > this.options.costAlertNanoUsdPerHour;
    if (over && !this.costAlerting.has(provider)) {
      this.costAlerting.add(provider);
      const usd = (nano: number) => (nano / 1e9).toFixed(2);
      this.raise('provider_cost', 'warning', provider, `${provider} spent $${usd(costLastHourNanoUsd)} in the last hour (alert above $${usd(this.options.costAlertNanoUsdPerHour)})`, {
        costLastHourNanoUsd,
        thresholdNanoUsd: this.options.costAlertNanoUsdPerHour,
      });
    } else if (!over) {
      this.costAlerting.delete(provider);
    }
  }

  private raise(kind: ProviderAlertKind, severity: ProviderAlert['severity'], provider: string, message: string, details: Record<string, unknown>): void {
    const alert: ProviderAlert = { id: randomUUID(), kind, severity, provider, message, at: new Date(this.now()).toISOString(), details };
    this.alertLog.push(alert);
    if (this.alertLog.length > MAX_ALERTS_KEPT) this.alertLog.shift();
    this.metrics?.alerts.inc({ provider, kind });
    const log = severity === 'critical' ? 'error' : severity === 'warning' ? 'warn' : 'log';
    this.logger[log](message);
    for (const sink of this.sinks) {
      const delivery: Promise<void> = sink
        .send(alert)
        .catch(() => undefined)
        .finally(() => this.deliveries.delete(delivery));
      this.deliveries.add(delivery);
    }
  }
}
