/** BullMQ queue names shared by the producer (gateway) and the consumer (cost-tracker). */
export const QUEUES = {
  usage: 'usage-events',
  /** Usage batches that exhausted their attempts, kept for an operator to inspect and replay. */
  usageDeadLetter: 'usage-events-dead-letter',
  /** Repeatable upkeep of the usage tables (partitions ahead, retention). */
  usageMaintenance: 'usage-maintenance',
} as const;

/** Redis pub/sub channels for control-plane changes that every gateway replica must hear. */
export const CHANNELS = {
  apiKeyRevoked: 'llmgw:api-key-revoked',
  /** Every replica drops its cached routing decisions. */
  routeCacheCleared: 'llmgw:route-cache-cleared',
  /** Every gateway re-reads its budgets (an admin created, changed or deleted one). */
  budgetsChanged: 'llmgw:budgets-changed',
} as const;
