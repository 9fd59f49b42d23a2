import type Redis from 'ioredis';
import { ADMIT_LUA, BUDGET_STATES_LUA, SETTLE_LUA } from './admission.lua';
import type { AdmissionStore, AdmitCommand, AdmitOutcome, BudgetState, SettleCommand, SpendSeed } from './admission.store';

const ADMIT = 'llmgwAdmit';
const SETTLE = 'llmgwSettle';
const BUDGET_STATES = 'llmgwBudgetStates';

type Script = (...args: Array<string | number>) => Promise<unknown>;

export interface RedisAdmissionStoreOptions {
  /** Owned by the caller (who closes it). Must not use ioredis' own `keyPrefix`. */
  redis: Redis;
  /** Every key lives under it, e.g. 'llmgw:limits:'. */
  keyPrefix?: string;
}

/**
 * Admission state shared by every gateway replica: one EVALSHA per admit and per settle, atomic,
 * so concurrent replicas can never both take the last unit of a limit or a budget. Not for Redis
 * Cluster (one script touches keys of several slots).
 */
export class RedisAdmissionStore implements AdmissionStore {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(options: RedisAdmissionStoreOptions) {
    this.redis = options.redis;
    this.prefix = options.keyPrefix ?? 'llmgw:limits:';
    // defineCommand runs EVALSHA and falls back to EVAL after a NOSCRIPT (script cache flushed).
    if (!(ADMIT in this.redis)) {
      this.redis.defineCommand(ADMIT, { lua: ADMIT_LUA });
      this.redis.defineCommand(SETTLE, { lua: SETTLE_LUA });
      this.redis.defineCommand(BUDGET_STATES, { lua: BUDGET_STATES_LUA });
    }
  }

  async admit(command: AdmitCommand): Promise<AdmitOutcome> {
    const keys = [...command.buckets.map((bucket) => this.prefix + bucket.key), ...command.budgets.flatMap((budget) => this.budgetKeys(budget.key))];
    const args = [
      command.now,
      command.requestId,
      command.reservationTtlMs,
      command.buckets.length,
      command.budgets.length,
      ...command.buckets.flatMap((bucket) => [bucket.limit, bucket.windowMs, bucket.cost]),
      ...command.budgets.flatMap((budget) => [budget.limitNanoUsd, budget.reserveNanoUsd, budget.expiresAt]),
    ];
    const reply = (await this.run(ADMIT, keys, args)) as number[];
    const [status = -1, ...rest] = reply;
    switch (status) {
      case 0: {
        const n = command.buckets.length;
        return {
          status: 'admitted',
          buckets: command.buckets.map((_, i) => ({ remaining: rest[2 * i]!, resetMs: rest[2 * i + 1]! })),
          budgets: command.budgets.map((_, j) => ({ spentNanoUsd: rest[2 * n + 2 * j]!, reservedNanoUsd: rest[2 * n + 2 * j + 1]! })),
        };
      }
      case 1:
        return { status: 'rate_limited', index: rest[0]!, retryAfterMs: rest[1]! };
      case 2:
        return { status: 'too_large', index: rest[0]! };
      case 3:
        return { status: 'over_budget', index: rest[0]!, budget: { spentNanoUsd: rest[1]!, reservedNanoUsd: rest[2]! } };
      case 4:
        return { status: 'seed_needed', indexes: rest };
      default:
        throw new Error(`unexpected admission reply ${JSON.stringify(reply)}`);
    }
  }

  async seed(seeds: readonly SpendSeed[]): Promise<void> {
    if (seeds.length === 0) return;
    const transaction = this.redis.multi();
    for (const seed of seeds) {
      const [hash] = this.budgetKeys(seed.key);
      transaction.hsetnx(hash, 'spent', String(seed.spentNanoUsd));
      transaction.pexpireat(hash, seed.expiresAt);
    }
    await transaction.exec();
  }

  async settle(command: SettleCommand): Promise<boolean> {
    const keys = [
      `${this.prefix}settled:${command.requestId}`,
      ...command.buckets.map((bucket) => this.prefix + bucket.key),
      ...command.budgets.flatMap((budget) => this.budgetKeys(budget.key)),
    ];
    const args = [
      command.now,
      command.requestId,
      command.markerTtlMs,
      command.buckets.length,
      command.budgets.length,
      ...command.buckets.flatMap((bucket) => [bucket.limit, bucket.windowMs, bucket.refund]),
      ...command.budgets.map((budget) => budget.actualNanoUsd),
    ];
    return (await this.run(SETTLE, keys, args)) === 1;
  }

  async budgetStates(keys: readonly string[], now: number): Promise<Array<BudgetState | null>> {
    if (keys.length === 0) return [];
    const reply = (await this.run(BUDGET_STATES, keys.flatMap((key) => this.budgetKeys(key)), [now])) as number[];
    return keys.map((_, j) => (reply[2 * j]! < 0 ? null : { spentNanoUsd: reply[2 * j]!, reservedNanoUsd: reply[2 * j + 1]! }));
  }

  private budgetKeys(key: string): [string, string] {
    return [this.prefix + key, `${this.prefix}${key}:holds`];
  }

  private run(name: string, keys: string[], args: Array<string | number>): Promise<unknown> {
    const command = (this.redis as unknown as Record<string, Script>)[name];
    if (!command) throw new Error(`Redis command ${name} is not defined`);
    return command.call(this.redis, keys.length, ...keys, ...args.map(String));
  }
}
