import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { QUEUES } from '@llmgw/contracts';
import { Counter, Gauge, Histogram, type Registry, register as defaultRegistry } from 'prom-client';
import type { QueueProbe, QueueSnapshot } from './queue-probe';
import { BUDGET_SCOPE_TYPES, type BudgetScopeType, QUEUE_JOB_STATES, WORKER_METRIC_NAMES as N } from './worker-metric.names';

export interface WorkerMetricsOptions {
  /** Defaults to prom-client's default registry, the one `/metrics` serves. */
  registry?: Registry;
  /** Queues whose gauges start at zero; defaults to every queue named in the contracts. */
  queues?: readonly string[];
}

export const WORKER_METRICS_OPTIONS = Symbol('WORKER_METRICS_OPTIONS');

const PROBE_TIMEOUT_MS = 2_000;

/**
 * The cost-tracker's metrics. Structurally a `UsageBatchObserver` (batchWritten/batchFailed), so
 * the usage consumer can report to it without this lib importing usage. Metrics live in the
 * default registry (the one `/metrics` serves), get-or-create: standalone mode and tests boot
 * the worker more than once per process.
 */
@Injectable()
export class WorkerMetrics {
  private readonly logger = new Logger('WorkerMetrics');
  private probe: QueueProbe | null = null;
  private readonly ingested: Counter<string>;
  private readonly duplicates: Counter<string>;
  private readonly batchDuration: Histogram<string>;
  private readonly batchesFailed: Counter<string>;
  private readonly deadLetters: Counter<string>;
  private readonly queueJobs: Gauge<string>;
  private readonly queueLag: Gauge<string>;
  private readonly budgetUtilisation: Gauge<string>;

  constructor(@Optional() @Inject(WORKER_METRICS_OPTIONS) options: WorkerMetricsOptions = {}) {
    const registry = options.registry ?? defaultRegistry;
    const queues = options.queues ?? Object.values(QUEUES);
    const get = <M>(name: string, create: () => M): M => (registry.getSingleMetric(name) as M | undefined) ?? create();
    const registers = [registry];
    this.ingested = get(N.ingested, () => new Counter({ name: N.ingested, help: 'Usage events stored', registers }));
    this.duplicates = get(N.duplicates, () => new Counter({ name: N.duplicates, help: 'Usage events skipped because their request id was already stored', registers }));
    this.batchDuration = get(N.batchDuration, () => new Histogram({ name: N.batchDuration, help: 'Time to store one usage batch, in seconds', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers }));
    this.batchesFailed = get(N.batchesFailed, () => new Counter({ name: N.batchesFailed, help: 'Failed usage batch attempts (invalid ones are final, errors are retried)', labelNames: ['reason'], registers }));
    this.deadLetters = get(N.deadLetters, () => new Counter({ name: N.deadLetters, help: 'Usage batches moved to the dead-letter queue after exhausting their attempts', registers }));
    // A probe (when one is attached) refreshes both queue gauges at scrape time.
    const refresh = () => this.refreshQueues();
    this.queueJobs = get(N.queueJobs, () => new Gauge({ name: N.queueJobs, help: 'Jobs in each queue by state', labelNames: ['queue', 'state'], registers, collect: refresh }));
    this.queueLag = get(N.queueLag, () => new Gauge({ name: N.queueLag, help: 'Age of the oldest waiting job per queue, in seconds', labelNames: ['queue'], registers }));
    this.budgetUtilisation = get(N.budgetUtilisation, () => new Gauge({ name: N.budgetUtilisation, help: 'Highest spend / limit ratio over the budgets of a scope type, current period', labelNames: ['scope_type'], registers }));
    this.seed(queues);
  }

  /** One stored batch (UsageBatchObserver). */
  batchWritten(result: { inserted: number; duplicates: number }, durationSeconds: number): void {
    this.ingested.inc(result.inserted);
    this.duplicates.inc(result.duplicates);
    this.batchDuration.observe(durationSeconds);
  }

  /** A failed attempt (UsageBatchObserver): `invalid` is final, `error` is retried. */
  batchFailed(reason: 'invalid' | 'error'): void {
    this.batchesFailed.inc({ reason });
  }

  recordDeadLetter(batches = 1): void {
    this.deadLetters.inc(batches);
  }

  /** Reads queue depth and lag at each scrape (e.g. `bullmqQueueProbe([usageQueue, deadLetterQueue])`). */
  useQueueProbe(probe: QueueProbe): void {
    this.probe = probe;
  }

  /** For pushers without a probe: sets the gauges directly. */
  setQueueSnapshot(snapshot: QueueSnapshot): void {
    for (const state of QUEUE_JOB_STATES) this.queueJobs.set({ queue: snapshot.queue, state }, snapshot[state]);
    this.queueLag.set({ queue: snapshot.queue }, snapshot.oldestWaitingAgeSeconds);
  }

  /** The budget checker reports the most consumed budget of each scope type (1 = limit reached). */
  setBudgetUtilisation(scopeType: BudgetScopeType, ratio: number): void {
    this.budgetUtilisation.set({ scope_type: scopeType }, Math.max(0, ratio));
  }

  private async refreshQueues(): Promise<void> {
    const probe = this.probe;
    if (!probe) return;
    try {
      const probing = probe();
      probing.catch(() => undefined); // a probe failing after the timeout must not go unhandled
      const snapshots = await Promise.race([
        probing,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`queue probe took over ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS).unref()),
      ]);
      for (const snapshot of snapshots) this.setQueueSnapshot(snapshot);
    } catch (error) {
      // A scrape must not fail because Redis is slow: the gauges keep their last values.
      this.logger.warn(`queue metrics not refreshed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private seed(queues: readonly string[]): void {
    this.ingested.inc(0);
    this.duplicates.inc(0);
    this.deadLetters.inc(0);
    for (const reason of ['invalid', 'error']) this.batchesFailed.inc({ reason }, 0);
    for (const queue of queues) {
      for (const state of QUEUE_JOB_STATES) this.queueJobs.inc({ queue, state }, 0);
      this.queueLag.inc({ queue }, 0);
    }
    for (const scopeType of BUDGET_SCOPE_TYPES) this.budgetUtilisation.inc({ scope_type: scopeType }, 0);
  }
}
