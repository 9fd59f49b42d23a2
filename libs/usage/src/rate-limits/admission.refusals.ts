import { GatewayError } from '@llmgw/contracts';
import type { ActiveBudget } from '../budgets/budget.directory';
import type { BucketSpec } from './admission.store';

export type LimitKind = 'key-rpm' | 'key-tpm' | 'provider-rpm' | 'provider-tpm';

const DESCRIPTIONS: Record<LimitKind, { what: string; code: string }> = {
  'key-rpm': { what: 'requests per minute for this API key', code: 'rate_limit_exceeded' },
  'key-tpm': { what: 'tokens per minute for this API key', code: 'tokens_rate_limit_exceeded' },
  'provider-rpm': { what: 'requests per minute to this provider', code: 'provider_rate_limit_exceeded' },
  'provider-tpm': { what: 'tokens per minute to this provider', code: 'provider_rate_limit_exceeded' },
};

export type Refusal =
  | { status: 'rate_limited'; bucket: BucketSpec & { kind: LimitKind }; retryAfterMs: number }
  | { status: 'too_large'; bucket: BucketSpec & { kind: LimitKind }; retryAfterMs: number }
  | { status: 'over_budget'; budget: ActiveBudget };

/** The error a refused admission raises, in the taxonomy's terms (429 either way). */
export function refusalError(refusal: Refusal): GatewayError {
  if (refusal.status === 'over_budget') {
    const { budget } = refusal;
    const whose = budget.scope === 'key' ? 'this API key' : "this API key's team";
    return new GatewayError('budget_exceeded', `The ${budget.period} budget of ${whose} is exhausted; requests are refused until the period ends or the budget is raised`, {
      code: 'budget_exceeded',
      metadata: { budgetId: budget.id, scope: budget.scope, period: budget.period },
    });
  }
  const { what, code } = DESCRIPTIONS[refusal.bucket.kind];
  if (refusal.status === 'too_large') {
    return new GatewayError('rate_limit_error', `This request needs ${refusal.bucket.cost} tokens, more than the limit of ${refusal.bucket.limit} ${what}; lower max_tokens or the prompt`, {
      code: 'request_too_large_for_limit',
      retryable: false,
    });
  }
  const retryAfterSeconds = Math.max(1, Math.ceil(refusal.retryAfterMs / 1000));
  return new GatewayError('rate_limit_error', `Rate limit reached: ${refusal.bucket.limit} ${what}. Try again in ${retryAfterSeconds}s`, {
    code,
    retryAfterSeconds,
  });
}
