import { randomUUID } from 'node:crypto';
import { GatewayError, type CallerContext, UNRESTRICTED_KEY_POLICY, type KeyPolicy } from '@llmgw/contracts';
import { TEST_REDIS_URL } from '@llmgw/testing';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { BudgetDirectory } from '../budgets/budget.directory';
import { BudgetRepository } from '../budgets/budget.repository';
import { BudgetSpendReader } from '../budgets/budget-spend.reader';
import { insertDailySpend, utcDay } from '../budgets/testing/daily-spend.fixture';
import { openUsageTestDatabase } from '../testing/usage-test-database';
import { AdmissionService, type AdmissionRequest } from './admission.service';
import type { AdmissionSettings } from './admission.settings';
import { RedisAdmissionStore } from './redis-admission.store';
import type { RateLimitHeaderValues } from './rate-limit-headers';

let dataSource: DataSource;
let budgets: BudgetRepository;
const connections: Redis[] = [];
const prefixes: string[] = [];

const SETTINGS: AdmissionSettings = { defaultKeyRpm: 0, providerLimits: {}, reservationTtlMs: 300_000, failOpen: true };

beforeAll(async () => {
  dataSource = await openUsageTestDatabase();
  budgets = new BudgetRepository(dataSource);
});

afterAll(async () => {
  const cleaner = connections[0];
  if (cleaner) {
    for (const prefix of prefixes) {
      const keys = await cleaner.keys(`${prefix}*`);
      if (keys.length > 0) await cleaner.unlink(...keys);
    }
  }
  await Promise.all(connections.map((connection) => connection.quit()));
  await dataSource.destroy();
});

/** `count` gateway replicas: each its own Redis connection, budget cache and service, one key space. */
function replicas(count: number, settings: Partial<AdmissionSettings> = {}): AdmissionService[] {
  const prefix = `test:admission:${randomUUID()}:`;
  prefixes.push(prefix);
  return Array.from({ length: count }, () => {
    const redis = new Redis(TEST_REDIS_URL);
    connections.push(redis);
    return new AdmissionService(new RedisAdmissionStore({ redis, keyPrefix: prefix }), new BudgetDirectory(dataSource), new BudgetSpendReader(dataSource), { ...SETTINGS, ...settings });
  });
}

function caller(apiKeyId: string, teamId: string | null = null, policy: Partial<KeyPolicy> = {}): CallerContext {
  return { requestId: `req-${randomUUID()}`, apiKeyId, teamId, policy: { ...UNRESTRICTED_KEY_POLICY, ...policy } };
}

function request(who: CallerContext, over: Partial<AdmissionRequest> = {}): AdmissionRequest {
  return { caller: who, provider: 'openai', promptTokens: 100, maxCompletionTokens: 400, maxCostNanoUsd: 1_000_000, ...over };
}

async function refusal(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('AdmissionService (real Postgres and Redis)', () => {
  it('never overshoots a hard budget under 200 concurrent clients on two replicas', async () => {
    const keyId = randomUUID();
    const limit = 50_000_000; // $0.05
    const reserve = 1_000_000;
    await budgets.create({ scope: 'key', scopeId: keyId, period: 'daily', limitNanoUsd: limit, enforcement: 'hard' });
    await insertDailySpend(dataSource, [{ day: utcDay(), apiKeyId: keyId, teamId: null, costNanoUsd: 7_500_000 }]);
    const [a, b] = replicas(2);

    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? a! : b!).admit(request(caller(keyId), { maxCostNanoUsd: reserve }))),
    );
    const admitted = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
    // 7.5 M already spent (seeded from the roll-up): 42 reservations of 1 M fit under 50 M.
    expect(admitted).toHaveLength(42);
    expect(refused).toHaveLength(158);
    for (const error of refused) expect(error).toMatchObject({ type: 'budget_exceeded', code: 'budget_exceeded', status: 429 });

    await Promise.all(admitted.map((admission) => admission.settle({ actualCostNanoUsd: reserve, actualTokens: 500 })));
    const store = new RedisAdmissionStore({ redis: connections.at(-1)!, keyPrefix: prefixes.at(-1)! });
    const [budget] = await budgets.list({ scopeId: keyId });
    const [state] = await store.budgetStates([`budget:${budget!.id}:${utcDay()}`], Date.now());
    expect(state).toEqual({ spentNanoUsd: 7_500_000 + 42 * reserve, reservedNanoUsd: 0 });
    expect(state!.spentNanoUsd).toBeLessThanOrEqual(limit);
  });

  it('enforces the team budget too, seeded from the whole team’s spend this month', async () => {
    const teamId = randomUUID();
    const [keyA, keyB] = [randomUUID(), randomUUID()];
    await budgets.create({ scope: 'team', scopeId: teamId, period: 'monthly', limitNanoUsd: 10_000_000, enforcement: 'hard' });
    await insertDailySpend(dataSource, [
      { day: utcDay(), apiKeyId: keyA, teamId, costNanoUsd: 4_000_000 },
      { day: utcDay(), apiKeyId: keyB, teamId, costNanoUsd: 4_000_000 },
      { day: '2001-01-01', apiKeyId: keyB, teamId, costNanoUsd: 99_000_000 }, // another month
    ]);
    const [service] = replicas(1);
    const first = await service!.admit(request(caller(keyA, teamId), { maxCostNanoUsd: 1_500_000 }));
    expect(first.remainingBudgetFraction).toBeCloseTo(0.05, 10);
    const error = await refusal(service!.admit(request(caller(keyB, teamId), { maxCostNanoUsd: 1_000_000 })));
    expect(error).toMatchObject({ type: 'budget_exceeded', metadata: { scope: 'team', period: 'monthly' } });
    await first.settle({ actualCostNanoUsd: 200_000, actualTokens: 10 });
    await expect(service!.admit(request(caller(keyB, teamId), { maxCostNanoUsd: 1_000_000 }))).resolves.toBeDefined();
    expect(service!.remainingBudgetFraction({ apiKeyId: keyB, teamId })).toBeCloseTo(0.08, 10);
  });

  it('ignores soft budgets on the request path', async () => {
    const keyId = randomUUID();
    await budgets.create({ scope: 'key', scopeId: keyId, period: 'daily', limitNanoUsd: 1, enforcement: 'soft' });
    const [service] = replicas(1);
    const admission = await service!.admit(request(caller(keyId)));
    expect(admission.remainingBudgetFraction).toBe(1);
  });

  it('holds the per-key rpm across replicas and reports headers, with Retry-After on refusal', async () => {
    const keyId = randomUUID();
    const [a, b] = replicas(2, { defaultKeyRpm: 600 });
    const seen: RateLimitHeaderValues[] = [];
    const onHeaders = (values: RateLimitHeaderValues) => seen.push(values);
    const first = await a!.admit(request(caller(keyId, null, { rpmLimit: 3 }), { onHeaders }));
    expect(first.headers).toEqual({ requests: { limit: 3, remaining: 2, resetSeconds: 20 } });
    await b!.admit(request(caller(keyId, null, { rpmLimit: 3 })));
    await a!.admit(request(caller(keyId, null, { rpmLimit: 3 })));
    const error = await refusal(b!.admit(request(caller(keyId, null, { rpmLimit: 3 }), { onHeaders })));
    expect(error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limit_exceeded', retryable: true });
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(19);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(20);
    expect(seen[0]).toEqual(first.headers);
    expect(seen[1]).toMatchObject({ requests: { limit: 3, remaining: 0 } });
    // RATE_LIMIT_PER_USER applies to a key without its own rpm.
    await expect(a!.admit(request(caller(randomUUID())))).resolves.toMatchObject({ headers: { requests: { limit: 600, remaining: 599 } } });
  });

  it('takes estimated tokens from the key and provider tpm and gives the unused part back on settle', async () => {
    const keyId = randomUUID();
    const [service] = replicas(1, { providerLimits: { openai: { tpm: 10_000 } } });
    const who = () => caller(keyId, null, { tpmLimit: 1_000 });
    const admission = await service!.admit(request(who(), { promptTokens: 200, maxCompletionTokens: 600 }));
    expect(admission.headers.tokens).toEqual({ limit: 1_000, remaining: 200, resetSeconds: 48 });
    const error = await refusal(service!.admit(request(who(), { promptTokens: 200, maxCompletionTokens: 600 })));
    expect(error).toMatchObject({ type: 'rate_limit_error', code: 'tokens_rate_limit_exceeded' });
    // 150 used of the 800 taken: 650 go back (once, however often settle is called).
    await admission.settle({ actualCostNanoUsd: 10, actualTokens: 150 });
    await admission.settle({ actualCostNanoUsd: 10, actualTokens: 150 });
    const again = await service!.admit(request(who(), { promptTokens: 200, maxCompletionTokens: 600 }));
    expect(again.headers.tokens!.remaining).toBeGreaterThanOrEqual(50);
    expect(again.headers.tokens!.remaining).toBeLessThan(100);
    // The provider's bucket is shared by every key.
    await expect(service!.admit(request(caller(randomUUID()), { promptTokens: 9_500, maxCompletionTokens: 0 }))).rejects.toMatchObject({ code: 'provider_rate_limit_exceeded' });
    await expect(service!.admit(request(caller(randomUUID()), { provider: 'anthropic', promptTokens: 9_500, maxCompletionTokens: 0 }))).resolves.toBeDefined();
  });

  it('refuses a request larger than the tpm limit as not retryable', async () => {
    const [service] = replicas(1);
    const error = await refusal(service!.admit(request(caller(randomUUID(), null, { tpmLimit: 500 }), { promptTokens: 100, maxCompletionTokens: 401 })));
    expect(error).toMatchObject({ type: 'rate_limit_error', code: 'request_too_large_for_limit', retryable: false });
  });

  it('admits unchecked when Redis is unreachable and LIMITS_FAIL_OPEN, refuses with 503 otherwise', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
    dead.on('error', () => undefined);
    const build = (failOpen: boolean) =>
      new AdmissionService(new RedisAdmissionStore({ redis: dead, keyPrefix: 'test:dead:' }), new BudgetDirectory(dataSource), new BudgetSpendReader(dataSource), {
        ...SETTINGS,
        defaultKeyRpm: 10,
        failOpen,
      });
    await expect(build(true).admit(request(caller(randomUUID())))).resolves.toMatchObject({ headers: {}, remainingBudgetFraction: 1 });
    await expect(build(false).admit(request(caller(randomUUID())))).rejects.toMatchObject({ type: 'service_unavailable' });
    dead.disconnect();
  });
});
