import { BUDGET_ENFORCEMENTS, BUDGET_PERIODS, BUDGET_SCOPES } from '@llmgw/usage';
import { z } from 'zod';
import { paginationShape } from '../common/list.query';
import { MAX_BUDGET_NANO_USD, parseNano, usdToNano } from './budget-money';

// Money comes in as text, never as a JSON number: a float cannot carry nano-USD exactly.
const limitUsd = z.string().regex(/^\d{1,10}(\.\d{1,9})?$/, 'must be a USD decimal string such as "250" or "12.50"');
const limitNano = z.string().regex(/^\d{1,16}$/, 'must be an integer nano-USD string such as "250000000000"');
const thresholds = z.array(z.number().int().min(1).max(1000)).min(1).max(20);

const limitShape = { limit_usd: limitUsd.optional(), limit_nano_usd: limitNano.optional() };

/** Exactly one of limit_usd / limit_nano_usd when `required`, at most one otherwise; resolved to nano-USD. */
function resolveLimit<T extends { limit_usd?: string | undefined; limit_nano_usd?: string | undefined }>(
  value: T,
  ctx: z.RefinementCtx,
  required: boolean,
): bigint | undefined {
  if (value.limit_usd !== undefined && value.limit_nano_usd !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['limit_usd'], message: 'send limit_usd or limit_nano_usd, not both' });
    return undefined;
  }
  const nano = value.limit_usd !== undefined ? usdToNano(value.limit_usd) : value.limit_nano_usd !== undefined ? parseNano(value.limit_nano_usd) : null;
  if (nano === null) {
    if (required) ctx.addIssue({ code: 'custom', path: ['limit_usd'], message: 'limit_usd or limit_nano_usd is required' });
    return undefined;
  }
  if (nano <= 0n || nano > MAX_BUDGET_NANO_USD) {
    const param = value.limit_usd !== undefined ? 'limit_usd' : 'limit_nano_usd';
    ctx.addIssue({ code: 'custom', path: [param], message: 'must be positive and at most 9007199.254740991 USD' });
    return undefined;
  }
  return nano;
}

export const createBudgetSchema = z
  .strictObject({
    scope: z.enum(BUDGET_SCOPES),
    scope_id: z.uuid(),
    period: z.enum(BUDGET_PERIODS),
    enforcement: z.enum(BUDGET_ENFORCEMENTS).default('soft'),
    alert_thresholds: thresholds.optional(),
    ...limitShape,
  })
  .transform((body, ctx) => {
    const limit = resolveLimit(body, ctx, true);
    if (limit === undefined) return z.NEVER;
    return {
      scope: body.scope,
      scopeId: body.scope_id,
      period: body.period,
      enforcement: body.enforcement,
      alertThresholds: body.alert_thresholds,
      limitNanoUsd: Number(limit),
    };
  });
export type CreateBudgetInput = z.output<typeof createBudgetSchema>;

/** The scope is what a budget is about: changing it is a new budget, so only these fields move. */
export const updateBudgetSchema = z
  .strictObject({
    period: z.enum(BUDGET_PERIODS).optional(),
    enforcement: z.enum(BUDGET_ENFORCEMENTS).optional(),
    alert_thresholds: thresholds.optional(),
    ...limitShape,
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), 'send at least one field to change')
  .transform((body, ctx) => {
    const limit = resolveLimit(body, ctx, false);
    if (limit === undefined && (body.limit_usd !== undefined || body.limit_nano_usd !== undefined)) return z.NEVER;
    return {
      ...(body.period !== undefined ? { period: body.period } : {}),
      ...(body.enforcement !== undefined ? { enforcement: body.enforcement } : {}),
      ...(body.alert_thresholds !== undefined ? { alertThresholds: body.alert_thresholds } : {}),
      ...(limit !== undefined ? { limitNanoUsd: Number(limit) } : {}),
    };
  });
export type UpdateBudgetInput = z.output<typeof updateBudgetSchema>;

export const budgetListQuerySchema = z.strictObject({
  scope: z.enum(BUDGET_SCOPES).optional(),
  scope_id: z.uuid().optional(),
  period: z.enum(BUDGET_PERIODS).optional(),
  ...paginationShape,
});

export const budgetStatusQuerySchema = z.strictObject({
  scope: z.enum(BUDGET_SCOPES).optional(),
  scope_id: z.uuid().optional(),
  alerts: z.coerce.number().int().min(0).max(200).default(20),
});

export const budgetIdSchema = z.uuid();
