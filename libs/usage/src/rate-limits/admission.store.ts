/**
 * Where admission state lives: token buckets (requests or tokens per window) and hard-budget
 * counters. The Redis adapter shares it between gateway replicas (one Lua script per call); the
 * in-memory one serves standalone mode. Both pass `admission.store.contract.ts`.
 *
 * Money is integer nano-USD kept as JS numbers: budgets, spend and reservations must stay below
 * 2^53 (about 9 million USD per budget and period), where doubles (and Lua) are exact.
 */
export interface BucketSpec {
  /** Identifies the bucket, e.g. `rpm:key:<id>`; the store adds its own prefix. */
  key: string;
  /** Capacity, refilled evenly over `windowMs`. */
  limit: number;
  windowMs: number;
  /** What this request takes: 1 for a request, the estimated tokens for a token bucket. */
  cost: number;
}

export interface BudgetHold {
  /** Identifies the budget period, e.g. `budget:<id>:2026-11-22`. */
  key: string;
  limitNanoUsd: number;
  /** The request's largest possible cost; 0 only checks that the budget is not already spent. */
  reserveNanoUsd: number;
  /** When the period's counters may be dropped (epoch ms): after the period ends. */
  expiresAt: number;
}

export interface AdmitCommand {
  requestId: string;
  now: number;
  /** A reservation never settled is released after this long (a crashed request). */
  reservationTtlMs: number;
  buckets: readonly BucketSpec[];
  budgets: readonly BudgetHold[];
}

export interface BucketState {
  /** Whole units left after this request. */
  remaining: number;
  /** Milliseconds until the bucket is full again. */
  resetMs: number;
}

export interface BudgetState {
  spentNanoUsd: number;
  reservedNanoUsd: number;
}

export type AdmitOutcome =
  | { status: 'admitted'; buckets: BucketState[]; budgets: BudgetState[] }
  /** `index` is the refusing bucket; it refills enough for this request after `retryAfterMs`. */
  | { status: 'rate_limited'; index: number; retryAfterMs: number }
  /** The request alone needs more than the bucket's capacity: waiting will not help. */
  | { status: 'too_large'; index: number }
  | { status: 'over_budget'; index: number; budget: BudgetState }
  /** These budgets' spend counters are missing (new period, lost key): seed them, then admit again. */
  | { status: 'seed_needed'; indexes: number[] };

export interface SpendSeed {
  key: string;
  spentNanoUsd: number;
  expiresAt: number;
}

export interface SettleCommand {
  requestId: string;
  now: number;
  /** How long the "already settled" marker is kept (idempotence window). */
  markerTtlMs: number;
  /** Tokens given back (estimate minus actual; negative takes more). */
  buckets: ReadonlyArray<{ key: string; limit: number; windowMs: number; refund: number }>;
  /** Releases this request's reservation and adds the real cost to each budget. */
  budgets: ReadonlyArray<{ key: string; actualNanoUsd: number }>;
}

export interface AdmissionStore {
  /** Checks every bucket and budget, then applies all of them, or none when one refuses. */
  admit(command: AdmitCommand): Promise<AdmitOutcome>;
  /** Sets missing spend counters (a counter already there wins: another replica seeded it). */
  seed(seeds: readonly SpendSeed[]): Promise<void>;
  /** False when this request was already settled (nothing changed). */
  settle(command: SettleCommand): Promise<boolean>;
  /** The budget counters as stored (null when missing); for reporting and tests. */
  budgetStates(keys: readonly string[], now: number): Promise<Array<BudgetState | null>>;
}
