import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { BudgetScope } from './budget.entity';
import type { PeriodWindow } from './budget-period';

/**
 * Spend so far in a period, from the worker's daily roll-up (`usage_daily_spend`): exact sums in
 * Postgres `bigint`, read as strings and returned as numbers (below 2^53 by the budgets' rule).
 */
@Injectable()
export class BudgetSpendReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async spentNanoUsd(scope: BudgetScope, scopeId: string, window: PeriodWindow): Promise<number> {
    const column = scope === 'key' ? 'api_key_id' : 'team_id';
    const rows: Array<{ spent: string }> = await this.dataSource.query(
      `SELECT coalesce(sum(cost_nano_usd), 0)::text AS spent FROM usage_daily_spend WHERE ${column} = $1 AND day BETWEEN $2 AND $3`,
      [scopeId, window.firstDay, window.lastDay],
    );
    return Number(rows[0]?.spent ?? 0);
  }

  /** Every key's and team's spend in the period and the total: one query for many budgets. */
  async spendByScope(window: PeriodWindow): Promise<{ key: Map<string, number>; team: Map<string, number>; total: number }> {
    const rows: Array<{ grouping: number; api_key_id: string | null; team_id: string | null; spent: string }> = await this.dataSource.query(
      `SELECT GROUPING(api_key_id, team_id) AS grouping, api_key_id, team_id, coalesce(sum(cost_nano_usd), 0)::text AS spent
         FROM usage_daily_spend WHERE day BETWEEN $1 AND $2
        GROUP BY GROUPING SETS ((api_key_id), (team_id), ())`,
      [window.firstDay, window.lastDay],
    );
    const key = new Map<string, number>();
    const team = new Map<string, number>();
    let total = 0;
    for (const row of rows) {
      // GROUPING bits: 1 = grouped by key only, 2 = by team only, 3 = the grand total.
      if (row.grouping === 1 && row.api_key_id !== null) key.set(row.api_key_id, Number(row.spent));
      else if (row.grouping === 2 && row.team_id !== null) team.set(row.team_id, Number(row.spent));
      else if (row.grouping === 3) total = Number(row.spent);
    }
    return { key, team, total };
  }

  async totalNanoUsd(window: PeriodWindow): Promise<number> {
    const rows: Array<{ spent: string }> = await this.dataSource.query(
      `SELECT coalesce(sum(cost_nano_usd), 0)::text AS spent FROM usage_daily_spend WHERE day BETWEEN $1 AND $2`,
      [window.firstDay, window.lastDay],
    );
    return Number(rows[0]?.spent ?? 0);
  }
}
