import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { openUsageTestDatabase } from '../../testing/usage-test-database';
import { BudgetRepository } from '../budget.repository';
import { periodWindow } from '../budget-period';
import { insertDailySpend, utcDay } from '../testing/daily-spend.fixture';
import { AlertWebhookSender } from './alert-webhook.sender';
import { BudgetAlertEvaluator, type BudgetAlertSettings } from './budget-alert.evaluator';

let dataSource: DataSource;
let budgets: BudgetRepository;
let server: Server;
let webhookUrl: string;
const received: Array<Record<string, unknown>> = [];
/** Budget ids whose next delivery the webhook refuses with a 500. */
const refuseOnce = new Set<string>();

beforeAll(async () => {
  dataSource = await openUsageTestDatabase();
  budgets = new BudgetRepository(dataSource);
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const payload = JSON.parse(body) as Record<string, unknown>;
      const budgetId = String(payload.budget_id);
      if (refuseOnce.delete(budgetId)) {
        response.writeHead(500).end();
        return;
      }
      received.push(payload);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await dataSource.destroy();
});

function evaluator(settings: Partial<BudgetAlertSettings> = {}): BudgetAlertEvaluator {
  return new BudgetAlertEvaluator(dataSource, { webhook: null, maxAttempts: 5, claimMs: 10_000, ...settings });
}

async function alertsOf(budgetId: string): Promise<Array<{ threshold: number; spent_nano_usd: string; delivered_at: Date | null; delivery_error: string | null; delivery_attempts: number }>> {
  return dataSource.query(`SELECT threshold, spent_nano_usd, delivered_at, delivery_error, delivery_attempts FROM budget_alerts WHERE budget_id = $1 ORDER BY threshold`, [budgetId]);
}

describe('BudgetAlertEvaluator (real Postgres)', () => {
  it('records each crossed threshold once per period, even with two evaluators racing', async () => {
    const keyId = randomUUID();
    const budget = await budgets.create({ scope: 'key', scopeId: keyId, period: 'daily', limitNanoUsd: 1_000, enforcement: 'soft' });
    await insertDailySpend(dataSource, [{ day: utcDay(), apiKeyId: keyId, teamId: null, costNanoUsd: 850 }]);

    await Promise.all([evaluator().evaluate(), evaluator().evaluate(), evaluator().evaluate()]);
    expect((await alertsOf(budget.id)).map((alert) => [alert.threshold, alert.spent_nano_usd])).toEqual([
      [50, '850'],
      [80, '850'],
    ]);

    await insertDailySpend(dataSource, [{ day: utcDay(), apiKeyId: keyId, teamId: null, costNanoUsd: 150 }]);
    await Promise.all([evaluator().evaluate(), evaluator().evaluate()]);
    await evaluator().evaluate();
    expect((await alertsOf(budget.id)).map((alert) => alert.threshold)).toEqual([50, 80, 100]);
  });

  it('sums a monthly team budget over the team’s keys and days this month only', async () => {
    const teamId = randomUUID();
    const budget = await budgets.create({ scope: 'team', scopeId: teamId, period: 'monthly', limitNanoUsd: 10_000, enforcement: 'hard', alertThresholds: [25, 90] });
    const month = periodWindow('monthly', Date.now());
    await insertDailySpend(dataSource, [
      { day: month.firstDay, apiKeyId: randomUUID(), teamId, costNanoUsd: 2_000 },
      { day: utcDay(), apiKeyId: randomUUID(), teamId, costNanoUsd: 1_000 },
      { day: '2001-01-01', apiKeyId: randomUUID(), teamId, costNanoUsd: 1_000_000 },
    ]);
    await evaluator().evaluate();
    expect((await alertsOf(budget.id)).map((alert) => [alert.threshold, alert.spent_nano_usd])).toEqual([[25, '3000']]);
  });

  it('posts alerts to the webhook, records a failed delivery and retries it on the next run', async () => {
    const keyId = randomUUID();
    const budget = await budgets.create({ scope: 'key', scopeId: keyId, period: 'daily', limitNanoUsd: 2_000_000_000, enforcement: 'hard', alertThresholds: [50] });
    await insertDailySpend(dataSource, [{ day: utcDay(), apiKeyId: keyId, teamId: null, costNanoUsd: 1_500_000_000 }]);
    refuseOnce.add(budget.id);
    const webhook = new AlertWebhookSender(webhookUrl, 2_000);

    await evaluator({ webhook }).evaluate();
    expect(await alertsOf(budget.id)).toEqual([expect.objectContaining({ threshold: 50, delivered_at: null, delivery_error: 'webhook answered HTTP 500', delivery_attempts: 1 })]);

    await Promise.all([evaluator({ webhook }).evaluate(), evaluator({ webhook }).evaluate()]);
    expect(await alertsOf(budget.id)).toEqual([expect.objectContaining({ delivered_at: expect.any(Date), delivery_error: null, delivery_attempts: 2 })]);
    const mine = received.filter((payload) => payload.budget_id === budget.id);
    expect(mine).toEqual([
      expect.objectContaining({
        type: 'budget_threshold',
        scope: 'key',
        scope_id: keyId,
        period: 'daily',
        enforcement: 'hard',
        threshold_percent: 50,
        spent_nano_usd: '1500000000',
        limit_nano_usd: '2000000000',
        spent_usd: '1.5',
        limit_usd: '2',
        period_start: `${utcDay()}T00:00:00.000Z`,
      }),
    ]);
  });

  it('gives up on an alert after ALERT_WEBHOOK_ATTEMPTS failed deliveries', async () => {
    const keyId = randomUUID();
    const budget = await budgets.create({ scope: 'key', scopeId: keyId, period: 'daily', limitNanoUsd: 10, enforcement: 'soft', alertThresholds: [100] });
    await insertDailySpend(dataSource, [{ day: utcDay(), apiKeyId: keyId, teamId: null, costNanoUsd: 10 }]);
    const unreachable = new AlertWebhookSender('http://127.0.0.1:1/alerts', 500);
    for (let i = 0; i < 3; i += 1) await evaluator({ webhook: unreachable, maxAttempts: 2 }).evaluate();
    expect(await alertsOf(budget.id)).toEqual([expect.objectContaining({ delivered_at: null, delivery_attempts: 2, delivery_error: expect.stringContaining('webhook unreachable') })]);
  });

  it('raises the global MAX_DAILY_COST alert once per day and threshold', async () => {
    await insertDailySpend(dataSource, [{ day: utcDay(), apiKeyId: null, teamId: null, costNanoUsd: 5 }]);
    await Promise.all([evaluator({ maxDailyCostNanoUsd: 1 }).evaluate(), evaluator({ maxDailyCostNanoUsd: 1 }).evaluate()]);
    const rows: Array<{ threshold: number; count: string }> = await dataSource.query(
      `SELECT threshold, count(*)::text AS count FROM budget_alerts WHERE budget_id IS NULL AND period_start = $1 GROUP BY threshold ORDER BY threshold`,
      [`${utcDay()}T00:00:00Z`],
    );
    expect(rows).toEqual([
      { threshold: 50, count: '1' },
      { threshold: 80, count: '1' },
      { threshold: 100, count: '1' },
    ]);
  });
});
