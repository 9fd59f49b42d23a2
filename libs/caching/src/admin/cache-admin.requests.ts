import { parseRequest } from '@llmgw/contracts';
import { z } from 'zod';
import type { InvalidateCommand } from './cache-administration';

/** `{ pattern?, older_than_hours?, tenant? }`: no filter at all empties the cache. */
export const invalidateRequestSchema = z.strictObject({
  pattern: z.string().min(1).max(500).optional(),
  older_than_hours: z.number().nonnegative().optional(),
  tenant: z.string().regex(/^(team|key):[A-Za-z0-9-]+$/).optional(),
});

/** `{ fraction? }`: the share of lowest-value entries to evict (default a fifth). */
export const optimizeRequestSchema = z.strictObject({
  fraction: z.number().gt(0).max(1).optional(),
});

/** The same body rules for the gateway's `/v1/cache/*` and the admin API's `/admin/cache/*`. */
export function invalidateCommandOf(body: unknown): InvalidateCommand {
  const { pattern, older_than_hours: olderThanHours, tenant } = parseRequest(invalidateRequestSchema, body ?? {});
  return {
    ...(pattern !== undefined ? { pattern } : {}),
    ...(olderThanHours !== undefined ? { olderThanHours } : {}),
    ...(tenant !== undefined ? { tenant } : {}),
  };
}

export function optimizeFractionOf(body: unknown): number {
  return parseRequest(optimizeRequestSchema, body ?? {}).fraction ?? 0.2;
}
