import type { AdmissionStore, AdmitCommand, AdmitOutcome, BudgetState, SettleCommand, SpendSeed } from './admission.store';

interface Bucket {
  tokens: number;
  at: number;
  expiresAt: number;
}

interface Budget {
  spent: number;
  reserved: number;
  holds: Map<string, { amount: number; expiresAt: number }>;
  expiresAt: number;
}

/** Standalone mode: the same rules as the Lua scripts, on Maps, in one process. */
export class InMemoryAdmissionStore implements AdmissionStore {
  private readonly buckets = new Map<string, Bucket>();
  private readonly budgets = new Map<string, Budget>();
  private readonly settled = new Map<string, number>();

  admit(command: AdmitCommand): Promise<AdmitOutcome> {
    const { now } = command;
    const levels: number[] = [];
    for (const [index, spec] of command.buckets.entries()) {
      const tokens = this.level(spec.key, spec.limit, spec.windowMs, now);
      if (spec.cost > spec.limit) return Promise.resolve({ status: 'too_large', index });
      if (tokens < spec.cost) {
        return Promise.resolve({ status: 'rate_limited', index, retryAfterMs: Math.ceil(((spec.cost - tokens) * spec.windowMs) / spec.limit) });
      }
      levels.push(tokens - spec.cost);
    }
    const found = command.budgets.map((hold) => this.budget(hold.key, now));
    const missing = found.flatMap((budget, index) => (budget ? [] : [index]));
    if (missing.length > 0) return Promise.resolve({ status: 'seed_needed', indexes: missing });
    const budgets = found as Budget[];
    for (const [index, hold] of command.budgets.entries()) {
      const budget = budgets[index]!;
      const reserved = budget.reserved - (budget.holds.get(command.requestId)?.amount ?? 0);
      const used = budget.spent + reserved;
      if (used >= hold.limitNanoUsd || used + hold.reserveNanoUsd > hold.limitNanoUsd) {
        return Promise.resolve({ status: 'over_budget', index, budget: { spentNanoUsd: budget.spent, reservedNanoUsd: reserved } });
      }
    }
    command.buckets.forEach((spec, index) => this.store(spec.key, levels[index]!, now, spec.windowMs));
    const states: BudgetState[] = command.budgets.map((hold, index) => {
      const budget = budgets[index]!;
      this.release(budget, command.requestId);
      if (hold.reserveNanoUsd > 0) {
        budget.reserved += hold.reserveNanoUsd;
        budget.holds.set(command.requestId, { amount: hold.reserveNanoUsd, expiresAt: now + command.reservationTtlMs });
      }
      budget.expiresAt = hold.expiresAt;
      return { spentNanoUsd: budget.spent, reservedNanoUsd: budget.reserved };
    });
    return Promise.resolve({
      status: 'admitted',
      buckets: command.buckets.map((spec, index) => ({
        remaining: Math.floor(levels[index]!),
        resetMs: Math.ceil(((spec.limit - levels[index]!) * spec.windowMs) / spec.limit),
      })),
      budgets: states,
    });
  }

  seed(seeds: readonly SpendSeed[]): Promise<void> {
    for (const seed of seeds) {
      const existing = this.budgets.get(seed.key);
      if (existing && existing.expiresAt > Date.now()) continue;
      this.budgets.set(seed.key, { spent: seed.spentNanoUsd, reserved: 0, holds: new Map(), expiresAt: seed.expiresAt });
    }
    return Promise.resolve();
  }

  settle(command: SettleCommand): Promise<boolean> {
    const { now } = command;
    const marker = this.settled.get(command.requestId);
    if (marker !== undefined && marker > now) return Promise.resolve(false);
    this.settled.set(command.requestId, now + command.markerTtlMs);
    if (this.settled.size % 1024 === 0) this.sweep(now);
    for (const bucket of command.buckets) {
      if (bucket.refund === 0) continue;
      const tokens = Math.min(bucket.limit, this.level(bucket.key, bucket.limit, bucket.windowMs, now) + bucket.refund);
      this.store(bucket.key, tokens, now, bucket.windowMs);
    }
    for (const entry of command.budgets) {
      const budget = this.budget(entry.key, now);
      if (!budget) continue;
      this.release(budget, command.requestId);
      budget.spent += entry.actualNanoUsd;
    }
    return Promise.resolve(true);
  }

  budgetStates(keys: readonly string[], now: number): Promise<Array<BudgetState | null>> {
    return Promise.resolve(
      keys.map((key) => {
        const budget = this.budget(key, now);
        return budget ? { spentNanoUsd: budget.spent, reservedNanoUsd: budget.reserved } : null;
      }),
    );
  }

  private level(key: string, limit: number, windowMs: number, now: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket || bucket.expiresAt <= now) return limit;
    return now > bucket.at ? Math.min(limit, bucket.tokens + ((now - bucket.at) * limit) / windowMs) : bucket.tokens;
  }

  private store(key: string, tokens: number, now: number, windowMs: number): void {
    this.buckets.set(key, { tokens, at: now, expiresAt: now + windowMs + 1000 });
  }

  /** The budget's counters with its expired holds released, or null when missing. */
  private budget(key: string, now: number): Budget | null {
    const budget = this.budgets.get(key);
    if (!budget) return null;
    if (budget.expiresAt <= now) {
      this.budgets.delete(key);
      return null;
    }
    for (const [requestId, hold] of budget.holds) {
      if (hold.expiresAt <= now) this.release(budget, requestId);
    }
    return budget;
  }

  private release(budget: Budget, requestId: string): void {
    const hold = budget.holds.get(requestId);
    if (!hold) return;
    budget.reserved -= hold.amount;
    budget.holds.delete(requestId);
  }

  private sweep(now: number): void {
    for (const [requestId, expiresAt] of this.settled) if (expiresAt <= now) this.settled.delete(requestId);
    for (const [key, bucket] of this.buckets) if (bucket.expiresAt <= now) this.buckets.delete(key);
  }
}
