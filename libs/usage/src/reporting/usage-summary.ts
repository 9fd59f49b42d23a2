/** One provider and model's share of a period. Money is a decimal string: exact, never a float. */
export interface UsageSummaryLine {
  provider: string | null;
  model: string;
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost_nano_usd: string;
  cost_usd: string;
}

/** Usage over `[from, to)`, as the admin API returns it. */
export interface UsageSummary {
  from: string;
  to: string;
  requests: number;
  errors: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost_nano_usd: string;
  cost_usd: string;
  /** Ordered by cost, highest first. */
  by_provider_model: UsageSummaryLine[];
}

export interface UsagePeriod {
  from: Date;
  to: Date;
}
