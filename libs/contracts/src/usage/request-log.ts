import { z } from 'zod';

/** The BullMQ queue of request logs (gateway -> cost tracker), apart from usage: best effort, never billed. */
export const REQUEST_LOG_QUEUE = 'request-logs';

/**
 * One logged request as the gateway ships it: payloads are ALREADY masked (PII, secrets) and
 * truncated before they leave the gateway, so nothing raw sits in Redis or Postgres.
 */
export const requestLogSchema = z.object({
  requestId: z.string().min(1).max(64),
  occurredAt: z.iso.datetime(),
  apiKeyId: z.string().uuid().nullable(),
  teamId: z.string().uuid().nullable(),
  endpoint: z.string().max(64),
  provider: z.string().max(64).nullable(),
  model: z.string().max(200),
  status: z.enum(['success', 'error']),
  httpStatus: z.number().int().min(100).max(599),
  errorType: z.string().max(64).nullable(),
  errorMessage: z.string().max(2_000).nullable(),
  stream: z.boolean(),
  latencyMs: z.number().int().nonnegative().nullable(),
  request: z.json(),
  response: z.json().nullable(),
  /** Some content was cut to LOG_PAYLOAD_MAX_CHARS. */
  truncated: z.boolean(),
});

export type RequestLog = z.infer<typeof requestLogSchema>;

export const requestLogBatchSchema = z.object({
  batchId: z.string().min(1).max(64),
  logs: z.array(requestLogSchema).min(1).max(1_000),
});

export type RequestLogBatch = z.infer<typeof requestLogBatchSchema>;
