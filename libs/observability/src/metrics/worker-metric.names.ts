// The worker's family. `llmgw_worker_*` is kept from the walking skeleton, so existing scrapes
// and dashboards stay valid. Labels: queue name, job state, failure reason, budget scope type.
export const WORKER_METRIC_NAMES = {
  ingested: 'llmgw_worker_events_ingested_total',
  duplicates: 'llmgw_worker_duplicate_events_total',
  batchDuration: 'llmgw_worker_batch_duration_seconds',
  batchesFailed: 'llmgw_worker_batches_failed_total',
  deadLetters: 'llmgw_worker_dead_letters_total',
  queueJobs: 'llmgw_worker_queue_jobs',
  queueLag: 'llmgw_worker_queue_lag_seconds',
  budgetUtilisation: 'llmgw_worker_budget_utilization_ratio',
} as const;

export const QUEUE_JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export const BUDGET_SCOPE_TYPES = ['global', 'team', 'key'] as const;
export type BudgetScopeType = (typeof BUDGET_SCOPE_TYPES)[number];
