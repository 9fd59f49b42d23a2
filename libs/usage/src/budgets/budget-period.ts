import type { BudgetPeriod } from './budget.entity';

export interface PeriodWindow {
  /** First instant of the period (UTC midnight, or the 1st of the month). */
  start: Date;
  /** First instant after it. */
  end: Date;
  /** `2026-11-22` for a day, `2026-11` for a month: names the period's counters. */
  label: string;
  /** Inclusive first and last `usage_daily_spend.day` of the period. */
  firstDay: string;
  lastDay: string;
}

/** The UTC day or month containing `now`. */
export function periodWindow(period: BudgetPeriod, now: number): PeriodWindow {
  const at = new Date(now);
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  const start = period === 'daily' ? new Date(Date.UTC(year, month, at.getUTCDate())) : new Date(Date.UTC(year, month, 1));
  const end = period === 'daily' ? new Date(start.getTime() + 86_400_000) : new Date(Date.UTC(year, month + 1, 1));
  const firstDay = start.toISOString().slice(0, 10);
  const lastDay = new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10);
  return { start, end, label: period === 'daily' ? firstDay : firstDay.slice(0, 7), firstDay, lastDay };
}
