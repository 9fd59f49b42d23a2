/** A usage batch that exhausted its attempts, as the admin API lists it. */
export interface UsageDeadLetter {
  /** The dead letter's id (the failed job's id). */
  id: string;
  batch_id: string | null;
  events: number;
  failed_reason: string;
  attempts_made: number;
  failed_at: string;
}

export interface UsageDeadLetterPage {
  object: 'list';
  data: UsageDeadLetter[];
  total: number;
  offset: number;
  limit: number;
}

/** What the dead-letter queue's job carries: the original payload untouched, plus why it failed. */
export interface DeadLetterPayload {
  payload: unknown;
  failedReason: string;
  attemptsMade: number;
  failedAt: string;
}

/** The dead letters: list (paginated) and replay onto the usage queue. */
export abstract class UsageDeadLetters {
  abstract list(offset: number, limit: number): Promise<UsageDeadLetterPage>;
  /** Re-queues one dead letter as a fresh job and removes it; false when there is no such id. */
  abstract replay(id: string): Promise<boolean>;
  /** Replays every dead letter; returns how many. */
  abstract replayAll(): Promise<number>;
}

export function describeDeadLetter(id: string, data: DeadLetterPayload): UsageDeadLetter {
  const payload = data.payload as { batchId?: unknown; events?: unknown } | null;
  return {
    id,
    batch_id: typeof payload?.batchId === 'string' ? payload.batchId : null,
    events: Array.isArray(payload?.events) ? payload.events.length : 0,
    failed_reason: data.failedReason,
    attempts_made: data.attemptsMade,
    failed_at: data.failedAt,
  };
}
