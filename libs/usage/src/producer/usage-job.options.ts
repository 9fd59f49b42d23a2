import type { JobsOptions } from 'bullmq';

export interface UsageJobRetry {
  /** USAGE_JOB_ATTEMPTS: tries before the batch goes to the dead-letter queue. */
  attempts: number;
  /** USAGE_JOB_BACKOFF_MS: the first retry delay, doubled per attempt. */
  backoffMs: number;
}

export const DEFAULT_USAGE_JOB_RETRY: UsageJobRetry = { attempts: 10, backoffMs: 1_000 };

/**
 * Options of every usage job (the id is the batch id, set per job). Completed and failed jobs are
 * kept for a while: that is what makes the batch-id dedup work, and what an operator inspects.
 */
export function usageJobOptions(retry: UsageJobRetry = DEFAULT_USAGE_JOB_RETRY): Omit<JobsOptions, 'jobId'> {
  return {
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.backoffMs },
    removeOnComplete: 1000,
    removeOnFail: 5000,
  };
}
