import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** A budget as the request path needs it. */
export interface ActiveBudget {
  id: string;
  scope: 'key' | 'team';
  scopeId: string;
  period: 'daily' | 'monthly';
  limitNanoUsd: number;
  enforcement: 'hard' | 'soft';
}

/**
 * Every budget, cached in process and re-read when older than the TTL (one query for all of
 * them, shared by concurrent callers). A failed refresh keeps serving the last list: budgets
 * change rarely and the request path must not fail because Postgres blinked.
 */
@Injectable()
export class BudgetDirectory {
  private readonly logger = new Logger('BudgetDirectory');
  private byScope = new Map<string, ActiveBudget[]>();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | null = null;
  private ttlMs = 10_000;

  // Plain SQL: the gateway's DataSource does not register the usage entities.
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  configure(ttlMs: number): this {
    this.ttlMs = ttlMs;
    return this;
  }

  /** The key's own budgets and its team's. */
  async budgetsFor(apiKeyId: string, teamId: string | null, now: number = Date.now()): Promise<ActiveBudget[]> {
    if (now - this.loadedAt >= this.ttlMs) await this.refresh();
    return this.cachedBudgetsFor(apiKeyId, teamId);
  }

  /** What the cache holds now, without reading Postgres (empty before the first load). */
  cachedBudgetsFor(apiKeyId: string, teamId: string | null): ActiveBudget[] {
    const own = this.byScope.get(`key:${apiKeyId}`) ?? [];
    return teamId === null ? own : [...own, ...(this.byScope.get(`team:${teamId}`) ?? [])];
  }

  /** Forgets the cache: the next lookup reads Postgres (after an admin change in this process). */
  invalidate(): void {
    this.loadedAt = Number.NEGATIVE_INFINITY;
  }

  private refresh(): Promise<void> {
    this.loading ??= this.dataSource
      .query<BudgetRow[]>(`SELECT id, scope, scope_id, period, limit_nano_usd::text AS limit_nano_usd, enforcement FROM budgets`)
      .then((budgets) => {
        this.byScope = group(budgets);
        this.loadedAt = Date.now();
      })
      .catch((error: unknown) => {
        if (this.loadedAt === Number.NEGATIVE_INFINITY) throw error;
        // Try again in a second, not on every request.
        this.loadedAt = Date.now() - this.ttlMs + 1_000;
        this.logger.warn(`budgets could not be re-read, serving the cached list: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}

interface BudgetRow {
  id: string;
  scope: 'key' | 'team';
  scope_id: string;
  period: 'daily' | 'monthly';
  limit_nano_usd: string;
  enforcement: 'hard' | 'soft';
}

function group(rows: BudgetRow[]): Map<string, ActiveBudget[]> {
  const byScope = new Map<string, ActiveBudget[]>();
  for (const row of rows) {
    const scopeKey = `${row.scope}:${row.scope_id}`;
    const list = byScope.get(scopeKey) ?? [];
    list.push({ id: row.id, scope: row.scope, scopeId: row.scope_id, period: row.period, limitNanoUsd: Number(row.limit_nano_usd), enforcement: row.enforcement });
    byScope.set(scopeKey, list);
  }
  return byScope;
}
