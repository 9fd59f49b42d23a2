/** Money in a report: exact integer nano-dollars (a decimal string: sums outgrow 2^53) and USD for display. */
export interface Money {
  cost_nano_usd: string;
  cost_usd: string;
}

export type ReportPeriod = 'day' | 'week' | 'month';
export type ReportGroupBy = 'provider' | 'model' | 'key' | 'team';

/** Days `[from, to)` as `YYYY-MM-DD` (UTC), optionally narrowed to one key or team. */
export interface ReportFilter {
  from: string;
  to: string;
  apiKeyId?: string | undefined;
  teamId?: string | undefined;
}

export interface UsageTotals extends Money {
  requests: number;
  errors: number;
  prompt_tokens: number;
  completion_tokens: number;
  saved_cost_nano_usd: string;
  cache_hits: number;
}

export interface PeriodReportLine extends UsageTotals {
  /** First day of the period (weeks start on Monday). */
  period_start: string;
  /** The provider, model, key id or team id; null for usage without one. */
  group: string | null;
}

export interface PeriodReport {
  object: 'usage.report';
  period: ReportPeriod;
  group_by: ReportGroupBy;
  from: string;
  to: string;
  data: PeriodReportLine[];
}

export interface DailySeriesPoint extends UsageTotals {
  day: string;
}

export interface TopModel extends Money {
  provider: string | null;
  model: string;
  requests: number;
  total_tokens: number;
}

export interface ProviderLatency {
  provider: string | null;
  requests: number;
  p50_ms: number;
  p95_ms: number;
}

/** The seeds' workspace-costs shape (a workspace is a team); USD amounts are decimal strings. */
export interface WorkspaceCosts {
  workspace_id: string;
  from: string;
  to: string;
  total_cost: string;
  total_cost_nano_usd: string;
  total_tokens: number;
  call_count: number;
  by_model: Record<string, { cost: string; cost_nano_usd: string; tokens: number; calls: number }>;
}
