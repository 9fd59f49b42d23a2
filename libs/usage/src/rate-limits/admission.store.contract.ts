import { randomUUID } from 'node:crypto';
import type { AdmissionStore, AdmitCommand, BucketSpec, BudgetHold } from './admission.store';

/** Builds a fresh, isolated store (own key space) for one test. */
export type AdmissionStoreFactory = () => AdmissionStore;

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The behaviour every AdmissionStore adapter must show; run by each adapter's own spec. */
export function describeAdmissionStoreContract(label: string, makeFactory: () => AdmissionStoreFactory): void {
  describe(`AdmissionStore contract: ${label}`, () => {
    let factory: AdmissionStoreFactory;
    // Real time: the Redis adapter's keys expire by the server's clock.
    const t0 = Date.now();
    beforeAll(() => {
      factory = makeFactory();
    });

    const rpm = (limit: number, key = 'rpm:key:a'): BucketSpec => ({ key, limit, windowMs: MINUTE, cost: 1 });
    const budget = (limitNanoUsd: number, reserveNanoUsd: number, key = 'budget:b1:day'): BudgetHold => ({ key, limitNanoUsd, reserveNanoUsd, expiresAt: t0 + DAY });
    const command = (over: Partial<AdmitCommand> = {}): AdmitCommand => ({
      requestId: randomUUID(),
      now: t0,
      reservationTtlMs: 300_000,
      buckets: [],
      budgets: [],
      ...over,
    });

    it('admits within a request limit and reports what remains and when it is full again', async () => {
      const store = factory();
      await expect(store.admit(command({ buckets: [rpm(60)] }))).resolves.toEqual({ status: 'admitted', buckets: [{ remaining: 59, resetMs: 1000 }], budgets: [] });
      await expect(store.admit(command({ buckets: [rpm(60)] }))).resolves.toMatchObject({ buckets: [{ remaining: 58, resetMs: 2000 }] });
    });

    it('refuses past the limit with the wait until one unit has refilled, then admits again', async () => {
      const store = factory();
      for (let i = 0; i < 3; i += 1) await expect(store.admit(command({ buckets: [rpm(3)] }))).resolves.toMatchObject({ status: 'admitted' });
      await expect(store.admit(command({ buckets: [rpm(3)] }))).resolves.toEqual({ status: 'rate_limited', index: 0, retryAfterMs: 20_000 });
      await expect(store.admit(command({ now: t0 + 10_000, buckets: [rpm(3)] }))).resolves.toEqual({ status: 'rate_limited', index: 0, retryAfterMs: 10_000 });
      await expect(store.admit(command({ now: t0 + 20_000, buckets: [rpm(3)] }))).resolves.toMatchObject({ status: 'admitted', buckets: [{ remaining: 0 }] });
    });

    it('applies nothing when a later bucket refuses', async () => {
      const store = factory();
      const tokens = (cost: number): BucketSpec => ({ key: 'tpm:provider:openai', limit: 1000, windowMs: MINUTE, cost });
      await expect(store.admit(command({ buckets: [rpm(10), tokens(900)] }))).resolves.toMatchObject({ status: 'admitted', buckets: [{ remaining: 9 }, { remaining: 100 }] });
      await expect(store.admit(command({ buckets: [rpm(10), tokens(200)] }))).resolves.toEqual({ status: 'rate_limited', index: 1, retryAfterMs: 6_000 });
      await expect(store.admit(command({ buckets: [rpm(10), tokens(100)] }))).resolves.toMatchObject({ status: 'admitted', buckets: [{ remaining: 8 }, { remaining: 0 }] });
    });

    it('refuses a request larger than the bucket itself as too large', async () => {
      const store = factory();
      const huge: BucketSpec = { key: 'tpm:key:a', limit: 1000, windowMs: MINUTE, cost: 1001 };
      await expect(store.admit(command({ buckets: [rpm(10), huge] }))).resolves.toEqual({ status: 'too_large', index: 1 });
      await expect(store.admit(command({ buckets: [rpm(10)] }))).resolves.toMatchObject({ buckets: [{ remaining: 9 }] });
    });

    it('asks for a seed when a budget counter is missing, and a seed never overwrites a counter', async () => {
      const store = factory();
      await expect(store.admit(command({ budgets: [budget(100, 10, 'budget:x:day'), budget(100, 10, 'budget:y:day')] }))).resolves.toEqual({ status: 'seed_needed', indexes: [0, 1] });
      await store.seed([{ key: 'budget:x:day', spentNanoUsd: 40, expiresAt: t0 + DAY }]);
      await expect(store.admit(command({ budgets: [budget(100, 10, 'budget:x:day'), budget(100, 10, 'budget:y:day')] }))).resolves.toEqual({ status: 'seed_needed', indexes: [1] });
      await store.seed([{ key: 'budget:x:day', spentNanoUsd: 0, expiresAt: t0 + DAY }, { key: 'budget:y:day', spentNanoUsd: 5, expiresAt: t0 + DAY }]);
      await expect(store.budgetStates(['budget:x:day', 'budget:y:day', 'budget:z:day'], t0)).resolves.toEqual([
        { spentNanoUsd: 40, reservedNanoUsd: 0 },
        { spentNanoUsd: 5, reservedNanoUsd: 0 },
        null,
      ]);
    });

    it('reserves against spent + reserved and refuses what could overshoot, consuming nothing', async () => {
      const store = factory();
      await store.seed([{ key: 'budget:b1:day', spentNanoUsd: 300, expiresAt: t0 + DAY }]);
      await expect(store.admit(command({ buckets: [rpm(10)], budgets: [budget(1000, 400)] }))).resolves.toMatchObject({ status: 'admitted', budgets: [{ spentNanoUsd: 300, reservedNanoUsd: 400 }] });
      await expect(store.admit(command({ buckets: [rpm(10)], budgets: [budget(1000, 301)] }))).resolves.toEqual({ status: 'over_budget', index: 0, budget: { spentNanoUsd: 300, reservedNanoUsd: 400 } });
      await expect(store.admit(command({ buckets: [rpm(10)], budgets: [budget(1000, 300)] }))).resolves.toMatchObject({ status: 'admitted', buckets: [{ remaining: 8 }], budgets: [{ reservedNanoUsd: 700 }] });
      // Exactly at the limit: even a request of unknown (zero) cost is refused.
      await expect(store.admit(command({ budgets: [budget(1000, 0)] }))).resolves.toMatchObject({ status: 'over_budget' });
    });

    it('settles once: releases the reservation, adds the real cost, gives tokens back', async () => {
      const store = factory();
      await store.seed([{ key: 'budget:b1:day', spentNanoUsd: 0, expiresAt: t0 + DAY }]);
      const tokens: BucketSpec = { key: 'tpm:key:a', limit: 1000, windowMs: MINUTE, cost: 800 };
      const admit = command({ buckets: [tokens], budgets: [budget(1000, 900)] });
      await expect(store.admit(admit)).resolves.toMatchObject({ status: 'admitted', buckets: [{ remaining: 200 }] });
      const settle = {
        requestId: admit.requestId,
        now: t0,
        markerTtlMs: 600_000,
        buckets: [{ key: 'tpm:key:a', limit: 1000, windowMs: MINUTE, refund: 500 }],
        budgets: [{ key: 'budget:b1:day', actualNanoUsd: 250 }],
      };
      await expect(store.settle(settle)).resolves.toBe(true);
      await expect(store.settle(settle)).resolves.toBe(false);
      await expect(store.budgetStates(['budget:b1:day'], t0)).resolves.toEqual([{ spentNanoUsd: 250, reservedNanoUsd: 0 }]);
      await expect(store.admit(command({ buckets: [{ ...tokens, cost: 700 }] }))).resolves.toMatchObject({ status: 'admitted', buckets: [{ remaining: 0 }] });
    });

    it('releases a reservation that was never settled once its TTL passes', async () => {
      const store = factory();
      await store.seed([{ key: 'budget:b1:day', spentNanoUsd: 0, expiresAt: t0 + DAY }]);
      await expect(store.admit(command({ reservationTtlMs: 60_000, budgets: [budget(1000, 1000)] }))).resolves.toMatchObject({ status: 'admitted' });
      await expect(store.admit(command({ now: t0 + 59_999, budgets: [budget(1000, 1)] }))).resolves.toMatchObject({ status: 'over_budget' });
      await expect(store.admit(command({ now: t0 + 60_000, budgets: [budget(1000, 1000)] }))).resolves.toMatchObject({ status: 'admitted', budgets: [{ reservedNanoUsd: 1000 }] });
    });

    it('settling after the reservation expired still counts the spend once', async () => {
      const store = factory();
      await store.seed([{ key: 'budget:b1:day', spentNanoUsd: 0, expiresAt: t0 + DAY }]);
      const admit = command({ reservationTtlMs: 1_000, budgets: [budget(1000, 600)] });
      await store.admit(admit);
      const settle = { requestId: admit.requestId, now: t0 + 5_000, markerTtlMs: 600_000, buckets: [], budgets: [{ key: 'budget:b1:day', actualNanoUsd: 600 }] };
      await expect(store.settle(settle)).resolves.toBe(true);
      await expect(store.budgetStates(['budget:b1:day'], t0 + 5_000)).resolves.toEqual([{ spentNanoUsd: 600, reservedNanoUsd: 0 }]);
    });

    it('an admission retried under the same request id replaces its hold', async () => {
      const store = factory();
      await store.seed([{ key: 'budget:b1:day', spentNanoUsd: 0, expiresAt: t0 + DAY }]);
      const admit = command({ budgets: [budget(1000, 600)] });
      await store.admit(admit);
      await expect(store.admit(admit)).resolves.toMatchObject({ status: 'admitted', budgets: [{ reservedNanoUsd: 600 }] });
    });

    it('keeps nano-dollar amounts exact up to 2^53 - 1', async () => {
      const store = factory();
      const limit = Number.MAX_SAFE_INTEGER;
      await store.seed([{ key: 'budget:big:month', spentNanoUsd: limit - 1_000_000_007, expiresAt: t0 + DAY }]);
      const admit = command({ budgets: [budget(limit, 1_000_000_007, 'budget:big:month')] });
      await expect(store.admit(admit)).resolves.toMatchObject({ status: 'admitted', budgets: [{ spentNanoUsd: limit - 1_000_000_007, reservedNanoUsd: 1_000_000_007 }] });
      await store.settle({ requestId: admit.requestId, now: t0, markerTtlMs: 60_000, buckets: [], budgets: [{ key: 'budget:big:month', actualNanoUsd: 999_999_999 }] });
      await expect(store.budgetStates(['budget:big:month'], t0)).resolves.toEqual([{ spentNanoUsd: limit - 8, reservedNanoUsd: 0 }]);
    });
  });
}
