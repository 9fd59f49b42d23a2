import type { UsageBatchObserver } from '../consumer/usage-batch.observer';
import type { UsageWriteResult } from '../consumer/usage-batch.writer';

/** Keeps what the consumer reported, for assertions. */
export class RecordingObserver implements UsageBatchObserver {
  readonly written: UsageWriteResult[] = [];
  readonly failed: Array<'invalid' | 'error'> = [];
  deadLettered = 0;

  batchWritten(result: UsageWriteResult): void {
    this.written.push(result);
  }

  batchFailed(reason: 'invalid' | 'error'): void {
    this.failed.push(reason);
  }

  recordDeadLetter(): void {
    this.deadLettered += 1;
  }
}
