import { formatNanoUsd } from '@llmgw/contracts';
import type { BudgetEntity } from '@llmgw/usage';

/** A budget as the admin API shows it; money as integer nano-USD and USD decimal strings. */
export interface BudgetView {
  id: string;
  scope: 'key' | 'team';
  scope_id: string;
  period: 'daily' | 'monthly';
  enforcement: 'hard' | 'soft';
  limit_nano_usd: string;
  limit_usd: string;
  alert_thresholds: number[];
  created_at: string;
  updated_at: string;
}

export function presentBudget(budget: BudgetEntity): BudgetView {
  const limit = BigInt(budget.limitNanoUsd);
  return {
    id: budget.id,
    scope: budget.scope,
    scope_id: budget.scopeId,
    period: budget.period,
    enforcement: budget.enforcement,
    limit_nano_usd: limit.toString(),
    limit_usd: formatNanoUsd(limit),
    alert_thresholds: [...budget.alertThresholds],
    created_at: budget.createdAt.toISOString(),
    updated_at: budget.updatedAt.toISOString(),
  };
}
