import { Injectable } from '@nestjs/common';
import type { UsageBatchObserver, UsageWriteResult } from '@llmgw/usage';
import { Counter, Histogram, register } from 'prom-client';

export const WORKER_METRIC_NAMES = {
  ingested: 'llmgw_worker_events_ingested_total',
  duplicates: 'llmgw_worker_duplicate_events_total',
  batchDuration: 'llmgw_worker_batch_duration_seconds',
  batchesFailed: 'llmgw_worker_batches_failed_total',
} as const;

// The default registry is the one /metrics serves. Get-or-create: standalone mode and tests
// may boot the worker more than once in one process.
function counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string> | undefined) ?? new Counter({ name, help, labelNames });
}

function histogram(name: string, help: string, buckets: number[]): Histogram<string> {
  return (register.getSingleMetric(name) as Histogram<string> | undefined) ?? new Histogram({ name, help, buckets });
}

/** Turns the usage consumer's per-batch outcomes into Prometheus metrics. */
@Injectable()
export class WorkerMetrics implements UsageBatchObserver {
  private readonly ingested = counter(WORKER_METRIC_NAMES.ingested, 'Usage events stored');
  private readonly duplicates = counter(WORKER_METRIC_NAMES.duplicates, 'Usage events skipped because their request id was already stored');
  private readonly batchDuration = histogram(WORKER_METRIC_NAMES.batchDuration, 'Time to store one usage batch, in seconds', [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
  ]);
  private readonly batchesFailed = counter(WORKER_METRIC_NAMES.batchesFailed, 'Failed usage batch attempts (invalid ones are final, errors are retried)', ['reason']);

  batchWritten(result: UsageWriteResult, durationSeconds: number): void {
    this.ingested.inc(result.inserted);
    this.duplicates.inc(result.duplicates);
    this.batchDuration.observe(durationSeconds);
  }

  batchFailed(reason: 'invalid' | 'error'): void {
    this.batchesFailed.inc({ reason });
  }
}
