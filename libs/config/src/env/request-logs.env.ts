import { z } from 'zod';
import { bool, positiveInt } from '../env.fields';

/**
 * Request logs (issue 12): optional payload logging. The gateway records (masked, truncated)
 * prompts and answers when LOG_PAYLOADS is on; the worker stores them and drops them after
 * LOG_RETENTION_DAYS. One shape spread into the gateway and the cost tracker.
 */
export const requestLogsEnvShape = {
  // Off by default: prompts are the most sensitive data the platform sees.
  LOG_PAYLOADS: bool(false),
  LOG_RETENTION_DAYS: positiveInt(30),
  // Per payload (request, answer): the characters kept over all its text fields together.
  LOG_PAYLOAD_MAX_CHARS: z.coerce.number().int().min(100).max(1_000_000).default(4_000),
};
