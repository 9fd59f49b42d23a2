import { z } from 'zod';
import { bool, positiveInt } from '../env.fields';

const nonNegativeInt = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

const providerLimit = z.strictObject({ tpm: z.number().int().positive().optional(), rpm: z.number().int().positive().optional() });

/** `{"openai":{"tpm":500000}}`: per-provider token (and optionally request) limits per minute. */
const providerRateLimits = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON, e.g. {"openai":{"tpm":500000}}' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string().min(1), providerLimit));

/** A USD amount as a decimal string ("250", "99.5") turned into integer nano-dollars. */
const usdToNano = () =>
  z
    .string()
    .regex(/^\d{1,7}(\.\d{1,9})?$/, 'must be a USD amount such as 250 or 99.50 (below 10 million)')
    .transform((usd) => {
      const [whole = '0', fraction = ''] = usd.split('.');
      return Number(BigInt(whole) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0')));
    })
    .optional();

/**
 * Rate limits and hard budgets on the gateway's request path (issue 5). Limits of 0 are off.
 * Money in Redis stays below 2^53 nano-dollars (about 9 million USD) per budget and period.
 */
export const limitsEnvShape = {
  RATE_LIMIT_PER_MINUTE: nonNegativeInt(1200),
  RATE_LIMIT_PER_USER: nonNegativeInt(600),
  PROVIDER_RATE_LIMITS: providerRateLimits('{"openai":{"tpm":500000}}'),
  BUDGET_RESERVATION_TTL_SECONDS: positiveInt(300),
  BUDGET_CACHE_TTL_MS: positiveInt(10_000),
  LIMITS_FAIL_OPEN: bool(true),
};

/** Budget alerts, evaluated by the cost tracker. */
export const budgetAlertsEnvShape = {
  MAX_DAILY_COST: usdToNano(),
  ALERT_WEBHOOK_URL: z.url().optional(),
  ALERT_WEBHOOK_TIMEOUT_MS: positiveInt(5_000),
  ALERT_WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  BUDGET_ALERT_INTERVAL_MS: positiveInt(30_000),
};
