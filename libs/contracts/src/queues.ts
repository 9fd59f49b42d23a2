/** BullMQ queue names shared by the producer (gateway) and the consumer (cost-tracker). */
export const QUEUES = {
  usage: 'usage-events',
} as const;

/** Redis pub/sub channels for control-plane changes that every gateway replica must hear. */
export const CHANNELS = {
  apiKeyRevoked: 'llmgw:api-key-revoked',
} as const;
