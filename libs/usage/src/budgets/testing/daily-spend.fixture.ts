import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface DailySpendRow {
  day: string;
  apiKeyId: string | null;
  teamId: string | null;
  costNanoUsd: number | bigint;
  model?: string;
}

/** Writes roll-up rows as the worker would (tests only): each with its own model so rows never merge. */
export async function insertDailySpend(dataSource: DataSource, rows: DailySpendRow[]): Promise<void> {
  for (const row of rows) {
    await dataSource.query(
      `INSERT INTO usage_daily_spend (day, api_key_id, team_id, provider, model, requests, cost_nano_usd) VALUES ($1, $2, $3, 'mock', $4, 1, $5)`,
      [row.day, row.apiKeyId, row.teamId, row.model ?? `test-${randomUUID()}`, String(row.costNanoUsd)],
    );
  }
}

export function utcDay(now: number = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}
