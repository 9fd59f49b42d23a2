import { z } from 'zod';

const nonNegativeInt = z.number().int().nonnegative();

/**
 * One metered request, as the gateway emits it and the cost tracker stores it. Money is an
 * integer count of nano-dollars (1e-9 USD); `requestId` is unique, so replays never double count.
 */
export const usageEventSchema = z.object({
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
  promptTokens: nonNegativeInt,
  completionTokens: nonNegativeInt,
  costNanoUsd: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  usageSource: z.enum(['provider', 'estimated', 'none']),
  stream: z.boolean(),
  latencyMs: nonNegativeInt,
  timeToFirstTokenMs: nonNegativeInt.nullable(),
  cacheResult: z.enum(['none', 'exact', 'semantic']),
  savedCostNanoUsd: nonNegativeInt,
  fallbackCount: nonNegativeInt,
  taskType: z.string().max(64).nullable(),
  /** What the guardrails did to this request (e.g. `redact:email`, `block:prompt_injection`). */
  guardrailActions: z.array(z.string().min(1).max(64)).max(32).default([]),
});

/** An event as stored and consumed: every field present. */
export type UsageEvent = z.infer<typeof usageEventSchema>;
/** An event as a producer may write it: defaulted fields (`guardrailActions`) may be left out. */
export type UsageEventInput = z.input<typeof usageEventSchema>;

export const usageBatchSchema = z.object({
  batchId: z.string().min(1).max(64),
  events: z.array(usageEventSchema).min(1).max(10_000),
});

export type UsageBatch = z.infer<typeof usageBatchSchema>;
