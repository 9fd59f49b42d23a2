import { Injectable } from '@nestjs/common';
import { formatNanoUsd } from '@llmgw/contracts';
import { DataSource } from 'typeorm';
import type { UsagePeriod, UsageSummary, UsageSummaryLine } from './usage-summary';

interface GroupRow {
  provider: string | null;
  model: string;
  requests: string;
  errors: string;
  prompt_tokens: string;
  completion_tokens: string;
  cost_nano_usd: string;
}

// Sums happen in SQL: `sum(bigint)` is numeric and pg returns it as a string, which stays a
// string (BigInt for the grand total), so no cost ever passes through a float.
const SUMMARY_SQL = `
  SELECT provider, model,
         count(*) AS requests,
         count(*) FILTER (WHERE status = 'error') AS errors,
         coalesce(sum(prompt_tokens), 0) AS prompt_tokens,
         coalesce(sum(completion_tokens), 0) AS completion_tokens,
         coalesce(sum(cost_nano_usd), 0) AS cost_nano_usd
    FROM usage_records
   WHERE occurred_at >= $1 AND occurred_at < $2
   GROUP BY provider, model
   ORDER BY sum(cost_nano_usd) DESC, count(*) DESC, provider NULLS LAST, model`;

/** Usage reports over stored records (the admin API's `/admin/usage`). */
@Injectable()
export class UsageSummaryService {
  constructor(private readonly dataSource: DataSource) {}

  /** Totals and per provider/model lines for requests that occurred in `[from, to)`. */
  async summarize(period: UsagePeriod): Promise<UsageSummary> {
    const rows: GroupRow[] = await this.dataSource.query(SUMMARY_SQL, [period.from.toISOString(), period.to.toISOString()]);
    const lines: UsageSummaryLine[] = rows.map((row) => ({
      provider: row.provider,
      model: row.model,
      requests: Number(row.requests),
      prompt_tokens: Number(row.prompt_tokens),
      completion_tokens: Number(row.completion_tokens),
      cost_nano_usd: row.cost_nano_usd,
      cost_usd: formatNanoUsd(row.cost_nano_usd),
    }));
    const totalCost = rows.reduce((sum, row) => sum + BigInt(row.cost_nano_usd), 0n);
    return {
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      requests: lines.reduce((sum, line) => sum + line.requests, 0),
      errors: rows.reduce((sum, row) => sum + Number(row.errors), 0),
      prompt_tokens: lines.reduce((sum, line) => sum + line.prompt_tokens, 0),
      completion_tokens: lines.reduce((sum, line) => sum + line.completion_tokens, 0),
      cost_nano_usd: totalCost.toString(),
      cost_usd: formatNanoUsd(totalCost),
      by_provider_model: lines,
    };
  }
}
