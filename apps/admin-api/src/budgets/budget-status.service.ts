import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { formatNanoUsd } from '@llmgw/contracts';
import { BudgetAlertEntity, BudgetEntity, type BudgetPeriod, type BudgetScope, BudgetSpendReader, periodWindow } from '@llmgw/usage';
import type { DataSource } from 'typeorm';
import { percentUsed } from './budget-money';
import { type BudgetView, presentBudget } from './budget.presenter';

export interface BudgetStatusLine extends BudgetView {
  period_start: string;
  period_end: string;
  spent_nano_usd: string;
  spent_usd: string;
  remaining_nano_usd: string;
  remaining_usd: string;
  /** Of the limit, in tenths of a percent rounded down (may pass 100). */
  percent_used: number;
  /** ok; warning once the lowest alert threshold is reached; exceeded at 100%. */
  state: 'ok' | 'warning' | 'exceeded';
}

export interface BudgetAlertView {
  id: string;
  budget_id: string | null;
  period_start: string;
  threshold: number;
  spent_nano_usd: string;
  spent_usd: string;
  limit_nano_usd: string;
  limit_usd: string;
  created_at: string;
  delivered_at: string | null;
}

export interface BudgetStatus {
  object: 'budget.status';
  generated_at: string;
  data: BudgetStatusLine[];
  alerts: BudgetAlertView[];
}

/** Budget burn: each budget's spend this period from the daily roll-up, and the latest alerts. */
@Injectable()
export class BudgetStatusService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly spend: BudgetSpendReader,
  ) {}

  async status(filter: { scope?: BudgetScope | undefined; scopeId?: string | undefined }, alertCount: number, now = Date.now()): Promise<BudgetStatus> {
    const where = Object.fromEntries(Object.entries({ scope: filter.scope, scopeId: filter.scopeId }).filter(([, value]) => value !== undefined));
    const budgets = await this.dataSource.getRepository(BudgetEntity).find({ where, order: { createdAt: 'ASC', id: 'ASC' } });
    // One roll-up query per period in use, whatever the number of budgets.
    const periods = [...new Set(budgets.map((budget) => budget.period))];
    const spendByPeriod = new Map(
      await Promise.all(periods.map(async (period) => [period, await this.spend.spendByScope(periodWindow(period, now))] as const)),
    );
    const data = budgets.map((budget) => {
      const spent = spendByPeriod.get(budget.period)?.[budget.scope].get(budget.scopeId) ?? 0;
      return statusLine(budget, BigInt(spent), budget.period, now);
    });
    return { object: 'budget.status', generated_at: new Date(now).toISOString(), data, alerts: await this.recentAlerts(budgets, filter, alertCount) };
  }

  private async recentAlerts(budgets: BudgetEntity[], filter: { scope?: unknown; scopeId?: unknown }, count: number): Promise<BudgetAlertView[]> {
    if (count === 0) return [];
    const query = this.dataSource.getRepository(BudgetAlertEntity).createQueryBuilder('alert').orderBy('alert.created_at', 'DESC').addOrderBy('alert.id', 'DESC').take(count);
    // Filtered: only the listed budgets' alerts (the global MAX_DAILY_COST alert has no budget).
    if (filter.scope !== undefined || filter.scopeId !== undefined) {
      if (budgets.length === 0) return [];
      query.where('alert.budget_id IN (:...ids)', { ids: budgets.map((budget) => budget.id) });
    }
    return (await query.getMany()).map(presentAlert);
  }
}

function statusLine(budget: BudgetEntity, spent: bigint, period: BudgetPeriod, now: number): BudgetStatusLine {
  const window = periodWindow(period, now);
  const limit = BigInt(budget.limitNanoUsd);
  const remaining = limit > spent ? limit - spent : 0n;
  const percent = percentUsed(spent, limit);
  const lowest = Math.min(...budget.alertThresholds, 100);
  return {
    ...presentBudget(budget),
    period_start: window.start.toISOString(),
    period_end: window.end.toISOString(),
    spent_nano_usd: spent.toString(),
    spent_usd: formatNanoUsd(spent),
    remaining_nano_usd: remaining.toString(),
    remaining_usd: formatNanoUsd(remaining),
    percent_used: percent,
    state: percent >= 100 ? 'exceeded' : percent >= lowest ? 'warning' : 'ok',
  };
}

function presentAlert(alert: BudgetAlertEntity): BudgetAlertView {
  return {
    id: alert.id,
    budget_id: alert.budgetId,
    period_start: alert.periodStart.toISOString(),
    threshold: alert.threshold,
    spent_nano_usd: alert.spentNanoUsd,
    spent_usd: formatNanoUsd(alert.spentNanoUsd),
    limit_nano_usd: alert.limitNanoUsd,
    limit_usd: formatNanoUsd(alert.limitNanoUsd),
    created_at: alert.createdAt.toISOString(),
    delivered_at: alert.deliveredAt?.toISOString() ?? null,
  };
}
