import type { UsageBatch } from '@llmgw/contracts';

/**
 * Where the publisher keeps batches the transport refused, oldest first, until they are
 * replayed. Production uses the append-only file (`FileUsageOutbox`): it survives a crash and a
 * long Redis outage costs disk, not memory. Standalone mode's in-process transport never refuses,
 * so it gets the in-memory one.
 */
export interface UsageOutbox {
  /** Durably appends batches after those already kept (one sync for the whole call). */
  append(batches: readonly UsageBatch[]): Promise<void>;
  /** Every kept batch, oldest first, without removing them. */
  peek(): Promise<UsageBatch[]>;
  /** Removes the oldest `count` batches (those a replay delivered). */
  remove(count: number): Promise<void>;
  close(): Promise<void>;
  readonly batchCount: number;
  /** Events (not batches) waiting. */
  readonly eventCount: number;
}
