/** A recorded alert joined with its budget, as the delivery step reads it. */
export interface AlertRow {
  id: string;
  budget_id: string | null;
  period_start: Date;
  threshold: number;
  spent_nano_usd: string;
  limit_nano_usd: string;
  created_at: Date;
  scope: 'key' | 'team' | null;
  scope_id: string | null;
  period: 'daily' | 'monthly' | null;
  enforcement: 'hard' | 'soft' | null;
}

/** The webhook body: amounts exact as nano-USD strings, plus USD for people. */
export function alertPayload(row: AlertRow): Record<string, unknown> {
  const common = {
    alert_id: row.id,
    threshold_percent: row.threshold,
    period_start: new Date(row.period_start).toISOString(),
    spent_nano_usd: row.spent_nano_usd,
    limit_nano_usd: row.limit_nano_usd,
    spent_usd: usd(row.spent_nano_usd),
    limit_usd: usd(row.limit_nano_usd),
    created_at: new Date(row.created_at).toISOString(),
  };
  if (row.budget_id === null) return { type: 'max_daily_cost', period: 'daily', ...common };
  return { type: 'budget_threshold', budget_id: row.budget_id, scope: row.scope, scope_id: row.scope_id, period: row.period, enforcement: row.enforcement, ...common };
}

function usd(nano: string): string {
  const value = BigInt(nano);
  const whole = value / 1_000_000_000n;
  const fraction = (value % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole.toString();
}
