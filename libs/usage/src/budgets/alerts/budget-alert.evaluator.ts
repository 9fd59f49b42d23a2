import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type BudgetPeriod, DEFAULT_ALERT_THRESHOLDS } from '../budget.entity';
import { periodWindow, type PeriodWindow } from '../budget-period';
import { BudgetSpendReader } from '../budget-spend.reader';
import { alertPayload, type AlertRow } from './budget-alert.payload';
import type { AlertWebhookSender } from './alert-webhook.sender';

export interface BudgetAlertSettings {
  /** MAX_DAILY_COST in nano-USD: a platform-wide daily alert; undefined is off. */
  maxDailyCostNanoUsd?: number;
  /** Null records alerts without posting them. */
  webhook: AlertWebhookSender | null;
  /** Delivery tries per alert (one per evaluation), ALERT_WEBHOOK_ATTEMPTS. */
  maxAttempts: number;
  /** How long a worker owns an alert it is posting (longer than the webhook timeout). */
  claimMs: number;
}

export interface EvaluationResult {
  /** Alerts this run recorded (another worker racing on the same data records none of these). */
  recorded: number;
  delivered: number;
  failed: number;
}

interface Candidate {
  budgetId: string | null;
  periodStart: Date;
  threshold: number;
  spent: number;
  limit: number;
}

/**
 * Compares every budget's spend this period (from `usage_daily_spend`) with its thresholds and
 * records each crossed threshold once per period: the unique (budget, period, threshold) index
 * and ON CONFLICT DO NOTHING make that hold with any number of workers. New and earlier failed
 * alerts are then posted to the webhook, each claimed by one worker at a time.
 */
export class BudgetAlertEvaluator {
  private readonly logger = new Logger('BudgetAlerts');
  private readonly spend: BudgetSpendReader;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: BudgetAlertSettings,
  ) {
    this.spend = new BudgetSpendReader(dataSource);
  }

  async evaluate(now: number = Date.now()): Promise<EvaluationResult> {
    const candidates = await this.candidates(now);
    const recorded = await this.record(candidates);
    const { delivered, failed } = this.settings.webhook ? await this.deliver(this.settings.webhook) : { delivered: 0, failed: 0 };
    return { recorded, delivered, failed };
  }

  private async candidates(now: number): Promise<Candidate[]> {
    const budgets: Array<{ id: string; scope: 'key' | 'team'; scope_id: string; period: BudgetPeriod; limit_nano_usd: string; alert_thresholds: number[] }> =
      await this.dataSource.query(`SELECT id, scope, scope_id, period, limit_nano_usd::text AS limit_nano_usd, alert_thresholds FROM budgets`);
    const windows: Record<BudgetPeriod, PeriodWindow> = { daily: periodWindow('daily', now), monthly: periodWindow('monthly', now) };
    const spends = {
      daily: await this.spend.spendByScope(windows.daily),
      monthly: budgets.some((budget) => budget.period === 'monthly') ? await this.spend.spendByScope(windows.monthly) : null,
    };
    const candidates: Candidate[] = [];
    for (const budget of budgets) {
      const spend = spends[budget.period];
      const spent = (budget.scope === 'key' ? spend?.key : spend?.team)?.get(budget.scope_id) ?? 0;
      for (const threshold of crossed(spent, Number(budget.limit_nano_usd), budget.alert_thresholds)) {
        candidates.push({ budgetId: budget.id, periodStart: windows[budget.period].start, threshold, spent, limit: Number(budget.limit_nano_usd) });
      }
    }
    const maxDaily = this.settings.maxDailyCostNanoUsd;
    if (maxDaily !== undefined) {
      for (const threshold of crossed(spends.daily.total, maxDaily, DEFAULT_ALERT_THRESHOLDS)) {
        candidates.push({ budgetId: null, periodStart: windows.daily.start, threshold, spent: spends.daily.total, limit: maxDaily });
      }
    }
    return candidates;
  }

  private async record(candidates: Candidate[]): Promise<number> {
    if (candidates.length === 0) return 0;
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO budget_alerts (budget_id, period_start, threshold, spent_nano_usd, limit_nano_usd)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::bigint[], $5::bigint[])
       ON CONFLICT (budget_id, period_start, threshold) DO NOTHING
       RETURNING id`,
      [
        candidates.map((c) => c.budgetId),
        candidates.map((c) => c.periodStart.toISOString()),
        candidates.map((c) => c.threshold),
        candidates.map((c) => String(c.spent)),
        candidates.map((c) => String(c.limit)),
      ],
    );
    return inserted.length;
  }

  private async deliver(webhook: AlertWebhookSender): Promise<{ delivered: number; failed: number }> {
    const claimed: AlertRow[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE budget_alerts SET delivery_attempts = delivery_attempts + 1, delivery_claimed_until = now() + make_interval(secs => $2::double precision / 1000)
          WHERE id IN (SELECT id FROM budget_alerts
                        WHERE delivered_at IS NULL AND delivery_attempts < $1 AND (delivery_claimed_until IS NULL OR delivery_claimed_until < now())
                        ORDER BY created_at LIMIT 100 FOR UPDATE SKIP LOCKED)
          RETURNING *)
       SELECT c.id, c.budget_id, c.period_start, c.threshold, c.spent_nano_usd::text AS spent_nano_usd, c.limit_nano_usd::text AS limit_nano_usd,
              c.created_at, b.scope, b.scope_id, b.period, b.enforcement
         FROM claimed c LEFT JOIN budgets b ON b.id = c.budget_id
        ORDER BY c.created_at, c.threshold`,
      [this.settings.maxAttempts, this.settings.claimMs],
    );
    let delivered = 0;
    for (const row of claimed) {
      try {
        await webhook.send(alertPayload(row));
        await this.dataSource.query(`UPDATE budget_alerts SET delivered_at = now(), delivery_error = NULL, delivery_claimed_until = NULL WHERE id = $1`, [row.id]);
        delivered += 1;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.logger.warn(`budget alert ${row.id} not delivered: ${reason}`);
        await this.dataSource.query(`UPDATE budget_alerts SET delivery_error = $2, delivery_claimed_until = NULL WHERE id = $1`, [row.id, reason.slice(0, 500)]);
      }
    }
    return { delivered, failed: claimed.length - delivered };
  }
}

/** Thresholds (percent) that `spent` has reached: exact integer comparison, no float rounding. */
export function crossed(spent: number, limit: number, thresholds: readonly number[]): number[] {
  if (limit <= 0) return [];
  return thresholds.filter((threshold) => BigInt(spent) * 100n >= BigInt(limit) * BigInt(threshold));
}
