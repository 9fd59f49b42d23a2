import { Inject, Injectable, Logger } from '@nestjs/common';
import { type CallerContext, GatewayError } from '@llmgw/contracts';
import type { ActiveBudget } from '../budgets/budget.directory';
import { BudgetDirectory } from '../budgets/budget.directory';
import { periodWindow } from '../budgets/budget-period';
import { BudgetSpendReader } from '../budgets/budget-spend.reader';
import { type Admission, type SettleInput, unlimitedAdmission } from './admission';
import type { AdmissionStore, AdmitCommand, AdmitOutcome, BucketSpec, BudgetHold } from './admission.store';
import type { AdmissionSettings } from './admission.settings';
import { refusalError, type LimitKind } from './admission.refusals';
import { tighterWindow, type RateLimitHeaderValues } from './rate-limit-headers';

export const ADMISSION_STORE = Symbol('ADMISSION_STORE');
export const ADMISSION_SETTINGS = Symbol('ADMISSION_SETTINGS');

const MINUTE_MS = 60_000;
/** Counters outlive their period by this much, so late settles still find them. */
const PERIOD_GRACE_MS = 3_600_000;
const SEED_ROUNDS = 3;

export interface AdmissionRequest {
  caller: CallerContext;
  /** The first candidate's provider (its tpm limit applies); null when not known. */
  provider: string | null;
  /** Estimated prompt tokens. May be a getter: it is read only when a token limit applies. */
  promptTokens: number;
  /** The request's max_tokens, or the model's output limit when unset. */
  maxCompletionTokens: number;
  /** The largest possible cost: prompt tokens plus max completion tokens at the model's price. Read only for a hard budget. */
  maxCostNanoUsd: number;
  /** Receives the header values, on refusal too (before the error is thrown). */
  onHeaders?: (values: RateLimitHeaderValues) => void;
}

interface PlannedBucket extends BucketSpec {
  kind: LimitKind;
}

interface PlannedBudget extends BudgetHold {
  budget: ActiveBudget;
}

/**
 * Step 3 of the request path: rate limits (rpm and tpm, per key and per provider) and hard-budget
 * reservations in one store call (one Redis round trip; a second and third only when a period's
 * spend counter must first be seeded from Postgres).
 */
@Injectable()
export class AdmissionService {
  private readonly logger = new Logger('Admission');
  /** Last seen share left per budget id, for budget-aware routing (may be a little stale). */
  private readonly remaining = new Map<string, number>();
  private readonly seeding = new Map<string, Promise<void>>();

  constructor(
    @Inject(ADMISSION_STORE) private readonly store: AdmissionStore,
    private readonly directory: BudgetDirectory,
    private readonly spend: BudgetSpendReader,
    @Inject(ADMISSION_SETTINGS) private readonly settings: AdmissionSettings,
  ) {}

  /** Throws `rate_limit_error` or `budget_exceeded` (a GatewayError) when refused. */
  async admit(request: AdmissionRequest, now: number = Date.now()): Promise<Admission> {
    const { caller } = request;
    let buckets: PlannedBucket[];
    let budgets: PlannedBudget[];
    let outcome: AdmitOutcome;
    const command = (): AdmitCommand => ({ requestId: caller.requestId, now, reservationTtlMs: this.settings.reservationTtlMs, buckets, budgets });
    try {
      buckets = this.plan(request);
      budgets = await this.holds(request, now);
      if (buckets.length === 0 && budgets.length === 0) return unlimitedAdmission(caller.requestId);
      outcome = await this.store.admit(command());
      for (let round = 1; outcome.status === 'seed_needed' && round < SEED_ROUNDS; round += 1) {
        await this.seed(outcome.indexes.map((index) => budgets[index]!), now);
        outcome = await this.store.admit(command());
      }
    } catch (error) {
      return this.unavailable(caller.requestId, error);
    }
    if (outcome.status === 'seed_needed') return this.unavailable(caller.requestId, new Error('budget counters could not be seeded'));
    if (outcome.status !== 'admitted') {
      const refused = outcome.status === 'over_budget' ? undefined : buckets[outcome.index]!;
      if (refused && outcome.status === 'rate_limited') request.onHeaders?.(refusedHeaders(refused, outcome.retryAfterMs));
      if (outcome.status === 'over_budget') {
        const { budget } = budgets[outcome.index]!;
        this.remaining.set(budget.id, 0);
        throw refusalError({ status: 'over_budget', budget });
      }
      throw refusalError({ status: outcome.status, bucket: refused!, retryAfterMs: outcome.status === 'rate_limited' ? outcome.retryAfterMs : 0 });
    }

    const headers: RateLimitHeaderValues = {};
    buckets.forEach((bucket, index) => {
      const state = outcome.buckets[index]!;
      const window = { limit: bucket.limit, remaining: state.remaining, resetSeconds: Math.ceil(state.resetMs / 1000) };
      if (bucket.kind.endsWith('rpm')) headers.requests = tighterWindow(headers.requests, window);
      else headers.tokens = tighterWindow(headers.tokens, window);
    });
    if (headers.requests || headers.tokens) request.onHeaders?.(headers);
    let fraction = 1;
    budgets.forEach((hold, index) => {
      const state = outcome.budgets[index]!;
      const left = Math.max(0, 1 - (state.spentNanoUsd + state.reservedNanoUsd) / hold.limitNanoUsd);
      this.remaining.set(hold.budget.id, left);
      fraction = Math.min(fraction, left);
    });
    return this.admission(request, buckets, budgets, headers, fraction);
  }

  /**
   * 0..1: the least share left over the caller's hard budgets as last seen by this process
   * (1 when it has none or none was seen yet). Cheap and synchronous, for budget-aware routing.
   */
  remainingBudgetFraction(caller: Pick<CallerContext, 'apiKeyId' | 'teamId'>): number {
    let fraction = 1;
    for (const budget of this.directory.cachedBudgetsFor(caller.apiKeyId, caller.teamId)) {
      if (budget.enforcement === 'hard') fraction = Math.min(fraction, this.remaining.get(budget.id) ?? 1);
    }
    return fraction;
  }

  private plan(request: AdmissionRequest): PlannedBucket[] {
    const { caller, provider } = request;
    // Read only for a token limit: counting the prompt is the dearest part of admission.
    const estimate = () => request.promptTokens + request.maxCompletionTokens;
    const buckets: PlannedBucket[] = [];
    const keyRpm = caller.policy?.rpmLimit ?? this.settings.defaultKeyRpm;
    if (keyRpm > 0) buckets.push({ kind: 'key-rpm', key: `rpm:key:${caller.apiKeyId}`, limit: keyRpm, windowMs: MINUTE_MS, cost: 1 });
    const keyTpm = caller.policy?.tpmLimit;
    if (keyTpm) buckets.push({ kind: 'key-tpm', key: `tpm:key:${caller.apiKeyId}`, limit: keyTpm, windowMs: MINUTE_MS, cost: estimate() });
    const providerLimits = provider === null ? undefined : this.settings.providerLimits[provider];
    if (providerLimits?.rpm) buckets.push({ kind: 'provider-rpm', key: `rpm:provider:${provider}`, limit: providerLimits.rpm, windowMs: MINUTE_MS, cost: 1 });
    if (providerLimits?.tpm) buckets.push({ kind: 'provider-tpm', key: `tpm:provider:${provider}`, limit: providerLimits.tpm, windowMs: MINUTE_MS, cost: estimate() });
    return buckets;
  }

  private async holds(request: AdmissionRequest, now: number): Promise<PlannedBudget[]> {
    const budgets = await this.directory.budgetsFor(request.caller.apiKeyId, request.caller.teamId, now);
    return budgets
      .filter((budget) => budget.enforcement === 'hard')
      .map((budget) => {
        const window = periodWindow(budget.period, now);
        return {
          budget,
          key: `budget:${budget.id}:${window.label}`,
          limitNanoUsd: budget.limitNanoUsd,
          reserveNanoUsd: request.maxCostNanoUsd,
          expiresAt: window.end.getTime() + PERIOD_GRACE_MS,
        };
      });
  }

  /** One Postgres read per missing counter however many requests find it missing at once. */
  private seed(missing: PlannedBudget[], now: number): Promise<unknown> {
    return Promise.all(
      missing.map((hold) => {
        let seeding = this.seeding.get(hold.key);
        if (!seeding) {
          seeding = this.spend
            .spentNanoUsd(hold.budget.scope, hold.budget.scopeId, periodWindow(hold.budget.period, now))
            .then((spentNanoUsd) => this.store.seed([{ key: hold.key, spentNanoUsd, expiresAt: hold.expiresAt }]))
            .finally(() => this.seeding.delete(hold.key));
          this.seeding.set(hold.key, seeding);
        }
        return seeding;
      }),
    );
  }

  private admission(request: AdmissionRequest, buckets: PlannedBucket[], budgets: PlannedBudget[], headers: RateLimitHeaderValues, fraction: number): Admission {
    const tokenBuckets = buckets.filter((bucket) => bucket.kind.endsWith('tpm'));
    const estimate = tokenBuckets[0]?.cost ?? 0;
    let settled: Promise<void> | null = null;
    const settle = (input: SettleInput): Promise<void> => {
      settled ??= this.store
        .settle({
          requestId: request.caller.requestId,
          now: Date.now(),
          markerTtlMs: this.settings.reservationTtlMs * 2,
          buckets: tokenBuckets.map(({ key, limit, windowMs }) => ({ key, limit, windowMs, refund: estimate - input.actualTokens })),
          budgets: budgets.map((hold) => ({ key: hold.key, actualNanoUsd: input.actualCostNanoUsd })),
        })
        .then(() => undefined)
        .catch((error: unknown) => {
          // The reservation expires on its own; the spend reaches Postgres through metering anyway.
          this.logger.warn(`settling ${request.caller.requestId} failed: ${error instanceof Error ? error.message : String(error)}`);
        });
      return settled;
    };
    return { requestId: request.caller.requestId, headers, remainingBudgetFraction: fraction, settle };
  }

  private unavailable(requestId: string, error: unknown): Admission {
    if (error instanceof GatewayError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    if (this.settings.failOpen) {
      this.logger.warn(`limits store unavailable, admitting ${requestId} unchecked: ${reason}`);
      return unlimitedAdmission(requestId);
    }
    throw new GatewayError('service_unavailable', 'Rate limits and budgets cannot be checked right now; try again shortly', { cause: error, retryAfterSeconds: 1 });
  }
}

/** Headers for a refused request: the refusing limit at zero, full again after the wait plus a refill. */
function refusedHeaders(refused: PlannedBucket, retryAfterMs: number): RateLimitHeaderValues {
  const resetSeconds = Math.ceil((((refused.limit - refused.cost) * refused.windowMs) / refused.limit + retryAfterMs) / 1000);
  const window = { limit: refused.limit, remaining: 0, resetSeconds };
  return refused.kind.endsWith('rpm') ? { requests: window } : { tokens: window };
}
