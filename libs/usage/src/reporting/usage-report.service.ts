import { Injectable } from '@nestjs/common';
import { formatNanoUsd } from '@llmgw/contracts';
import { DataSource } from 'typeorm';
import type {
  DailySeriesPoint, PeriodReport, ProviderLatency, ReportFilter, ReportGroupBy, ReportPeriod, TopModel, UsageTotals, WorkspaceCosts,
} from './usage-report';

const GROUP_COLUMN: Record<ReportGroupBy, string> = { provider: 'provider', model: 'model', key: 'api_key_id::text', team: 'team_id::text' };

// Sums are numeric in SQL and strings in pg's answer; money never passes through a float.
const SUMS = `coalesce(sum(requests), 0)::text AS requests, coalesce(sum(errors), 0)::text AS errors,
  coalesce(sum(prompt_tokens), 0)::text AS prompt_tokens, coalesce(sum(completion_tokens), 0)::text AS completion_tokens,
  coalesce(sum(cost_nano_usd), 0)::text AS cost_nano_usd, coalesce(sum(saved_cost_nano_usd), 0)::text AS saved_cost_nano_usd,
  coalesce(sum(cache_hits), 0)::text AS cache_hits`;

type SumRow = Record<'requests' | 'errors' | 'prompt_tokens' | 'completion_tokens' | 'cost_nano_usd' | 'saved_cost_nano_usd' | 'cache_hits', string>;

function totals(row: SumRow): UsageTotals {
  return {
    requests: Number(row.requests),
    errors: Number(row.errors),
    prompt_tokens: Number(row.prompt_tokens),
    completion_tokens: Number(row.completion_tokens),
    cost_nano_usd: row.cost_nano_usd,
    cost_usd: formatNanoUsd(row.cost_nano_usd),
    saved_cost_nano_usd: row.saved_cost_nano_usd,
    cache_hits: Number(row.cache_hits),
  };
}

/** `WHERE` over the daily roll-up for a filter, with its parameters. */
function where(filter: ReportFilter): { sql: string; parameters: unknown[] } {
  const parameters: unknown[] = [filter.from, filter.to];
  let sql = 'day >= $1::date AND day < $2::date';
  if (filter.apiKeyId) sql += ` AND api_key_id = $${parameters.push(filter.apiKeyId)}`;
  if (filter.teamId) sql += ` AND team_id = $${parameters.push(filter.teamId)}`;
  return { sql, parameters };
}

/**
 * Usage reports. Everything by day or coarser reads the daily roll-up (`usage_daily_spend`), which
 * stays small however many requests there are; latency percentiles need the raw rows.
 */
@Injectable()
export class UsageReportService {
  constructor(private readonly dataSource: DataSource) {}

  async byPeriod(filter: ReportFilter, period: ReportPeriod, groupBy: ReportGroupBy): Promise<PeriodReport> {
    const { sql, parameters } = where(filter);
    const rows: Array<SumRow & { period_start: string; group: string | null }> = await this.dataSource.query(
      `SELECT to_char(date_trunc('${period}', day::timestamp), 'YYYY-MM-DD') AS period_start, ${GROUP_COLUMN[groupBy]} AS "group", ${SUMS}
         FROM usage_daily_spend WHERE ${sql}
        GROUP BY 1, 2 ORDER BY 1, sum(cost_nano_usd) DESC, 2 NULLS LAST`,
      parameters,
    );
    const data = rows.map((row) => ({ period_start: row.period_start, group: row.group, ...totals(row) }));
    return { object: 'usage.report', period, group_by: groupBy, from: filter.from, to: filter.to, data };
  }

  /** One point per day of `[from, to)`, zeros included. */
  async dailySeries(filter: ReportFilter): Promise<DailySeriesPoint[]> {
    const { sql, parameters } = where(filter);
    const rows: Array<SumRow & { day: string }> = await this.dataSource.query(
      `SELECT to_char(d, 'YYYY-MM-DD') AS day, ${SUMS}
         FROM generate_series($1::date, $2::date - 1, interval '1 day') AS d
         LEFT JOIN usage_daily_spend ON day = d::date AND ${sql}
        GROUP BY d ORDER BY d`,
      parameters,
    );
    return rows.map((row) => ({ day: row.day, ...totals(row) }));
  }

  async topModels(filter: ReportFilter, limit: number): Promise<TopModel[]> {
    const { sql, parameters } = where(filter);
    const rows: Array<{ provider: string | null; model: string; requests: string; total_tokens: string; cost_nano_usd: string }> = await this.dataSource.query(
      `SELECT provider, model, sum(requests)::text AS requests, sum(prompt_tokens + completion_tokens)::text AS total_tokens,
              sum(cost_nano_usd)::text AS cost_nano_usd
         FROM usage_daily_spend WHERE ${sql}
        GROUP BY provider, model ORDER BY sum(cost_nano_usd) DESC, sum(requests) DESC, model LIMIT $${parameters.push(limit)}`,
      parameters,
    );
    return rows.map((row) => ({
      provider: row.provider,
      model: row.model,
      requests: Number(row.requests),
      total_tokens: Number(row.total_tokens),
      cost_nano_usd: row.cost_nano_usd,
      cost_usd: formatNanoUsd(row.cost_nano_usd),
    }));
  }

  /** p50/p95 request latency per provider over raw rows in `[from, to)` (instants). */
  async latencyByProvider(period: { from: Date; to: Date }, apiKeyId?: string): Promise<ProviderLatency[]> {
    const parameters: unknown[] = [period.from.toISOString(), period.to.toISOString()];
    const keyFilter = apiKeyId ? ` AND api_key_id = $${parameters.push(apiKeyId)}` : '';
    const rows: Array<{ provider: string | null; requests: string; p50: number; p95: number }> = await this.dataSource.query(
      `SELECT provider, count(*)::text AS requests,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95
         FROM usage_records WHERE occurred_at >= $1 AND occurred_at < $2${keyFilter}
        GROUP BY provider ORDER BY provider NULLS LAST`,
      parameters,
    );
    return rows.map((row) => ({ provider: row.provider, requests: Number(row.requests), p50_ms: Math.round(row.p50), p95_ms: Math.round(row.p95) }));
  }

  async workspaceCosts(teamId: string, filter: Omit<ReportFilter, 'teamId' | 'apiKeyId'>): Promise<WorkspaceCosts> {
    const models = await this.topModels({ ...filter, teamId }, 10_000);
    const total = models.reduce((sum, line) => sum + BigInt(line.cost_nano_usd), 0n);
    const byModel: WorkspaceCosts['by_model'] = {};
    for (const line of models) {
      const entry = (byModel[line.model] ??= { cost: '0', cost_nano_usd: '0', tokens: 0, calls: 0 });
      const cost = BigInt(entry.cost_nano_usd) + BigInt(line.cost_nano_usd);
      Object.assign(entry, { cost: formatNanoUsd(cost), cost_nano_usd: cost.toString(), tokens: entry.tokens + line.total_tokens, calls: entry.calls + line.requests });
    }
    return {
      workspace_id: teamId,
      from: filter.from,
      to: filter.to,
      total_cost: formatNanoUsd(total),
      total_cost_nano_usd: total.toString(),
      total_tokens: models.reduce((sum, line) => sum + line.total_tokens, 0),
      call_count: models.reduce((sum, line) => sum + line.requests, 0),
      by_model: byModel,
    };
  }
}
