import type { UsageWriteResult } from './usage-batch.writer';

/**
 * What the consumer reports about each batch (the worker turns it into Prometheus metrics).
 * A port, so this data-access lib does not depend on the metrics library.
 */
export interface UsageBatchObserver {
  batchWritten(result: UsageWriteResult, durationSeconds: number): void;
  /** A failed attempt: `invalid` is final, `error` is retried. */
  batchFailed(reason: 'invalid' | 'error'): void;
  /** A batch moved to the dead-letter queue. */
  recordDeadLetter(): void;
}

export const USAGE_BATCH_OBSERVER = Symbol('USAGE_BATCH_OBSERVER');

export class NoopUsageBatchObserver implements UsageBatchObserver {
  batchWritten(): void {}
  batchFailed(): void {}
  recordDeadLetter(): void {}
}
