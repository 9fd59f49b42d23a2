import { randomUUID } from 'node:crypto';
import { eventually, openAiSchemaErrors, startAppProcess, type AppProcess } from '@llmgw/testing';
import { adminClient, type AdminClient } from './admin-client';
import { appScript, startPlatform, type Platform } from './platform.fixture';

// Issue 5's limits through the built gateway: headers on every answer, a key's own rpm limit,
// and a hard budget that two gateway replicas under concurrent load never overshoot.
describe('rate limits and hard budgets through the gateway', () => {
  let platform: Platform;
  let admin: AdminClient;
  let secondGateway: AppProcess | undefined;

  beforeAll(async () => {
    // Budgets re-read every 100 ms, so a budget inserted by the test applies at once.
    platform = await startPlatform({ BUDGET_CACHE_TTL_MS: '100' });
    admin = await adminClient(platform);
  });

  afterAll(async () => {
    await secondGateway?.stop();
    await platform?.stop();
  });

  const ask = (gateway: string, key: string, body: Record<string, unknown> = {}) =>
    fetch(`${gateway}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-request-id': randomUUID() },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Say hello (${randomUUID()})` }], ...body }),
    });
  const rateHeaders = (response: Response) => ({
    limit: response.headers.get('x-ratelimit-limit'),
    remaining: response.headers.get('x-ratelimit-remaining'),
    reset: response.headers.get('x-ratelimit-reset'),
  });

  it('reports X-RateLimit-Limit/Remaining/Reset on plain and streamed answers', async () => {
    const key = await admin.createKey({ rpm_limit: 50 });
    const plain = await ask(platform.gateway.url, key.key);
    expect(plain.status).toBe(200);
    expect(rateHeaders(plain)).toEqual({ limit: '50', remaining: '49', reset: expect.stringMatching(/^\d+$/) });
    const streamed = await ask(platform.gateway.url, key.key, { stream: true });
    expect(streamed.status).toBe(200);
    await streamed.text();
    expect(rateHeaders(streamed)).toMatchObject({ limit: '50', remaining: '48' });
  });

  it("refuses a key over its own rpm limit with 429, Retry-After and OpenAI's error shape", async () => {
    const key = await admin.createKey({ rpm_limit: 3 });
    for (let i = 0; i < 3; i += 1) expect((await ask(platform.gateway.url, key.key)).status).toBe(200);
    const calls = platform.upstream.requests.length;
    const refused = await ask(platform.gateway.url, key.key);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(rateHeaders(refused)).toMatchObject({ limit: '3', remaining: '0' });
    const body = (await refused.json()) as { error: { type: string; code: string } };
    expect(openAiSchemaErrors('ErrorResponse', body)).toEqual([]);
    expect(body.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limit_exceeded' });
    expect(platform.upstream.requests.length).toBe(calls); // refused before any upstream call
    const row = await platform.usageRow(refused.headers.get('x-request-id')!);
    expect(row).toMatchObject({ status: 'error', error_type: 'rate_limit_error', cost_nano_usd: '0' });
  });

  it('holds a hard budget under 200 concurrent requests through two gateway replicas', async () => {
    secondGateway = await startAppProcess(appScript('gateway'), platform.env);
    const key = await admin.createKey();
    // ~6 requests' worth: each reserves its prompt plus max_tokens at gpt-4o-mini's price first.
    const limit = 50_000;
    await platform.db.query(`INSERT INTO budgets (scope, scope_id, period, limit_nano_usd, enforcement) VALUES ('key', $1, 'daily', $2, 'hard')`, [key.id, limit]);
    const gateways = [platform.gateway.url, secondGateway.url];
    const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => ask(gateways[i % 2]!, key.key, { max_tokens: 20 })));
    const statuses = responses.map((response) => response.status);
    const refusals = responses.filter((response) => response.status === 429);
    expect(statuses.filter((status) => status !== 200 && status !== 429)).toEqual([]);
    expect(refusals.length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(0);
    const refusal = (await refusals[0]!.json()) as { error: { type: string; code: string } };
    expect(openAiSchemaErrors('ErrorResponse', refusal)).toEqual([]);
    expect(refusal.error).toMatchObject({ type: 'budget_exceeded', code: 'budget_exceeded' });

    // Then one at a time, alternating replicas, until both refuse: what settling gave back is used up.
    const ids = responses.map((response) => response.headers.get('x-request-id')!);
    const refusedBy = new Set<string>();
    for (let i = 0; refusedBy.size < 2 && i < 30; i += 1) {
      const gateway = gateways[i % 2]!;
      const response = await ask(gateway, key.key, { max_tokens: 20 });
      ids.push(response.headers.get('x-request-id')!);
      if (response.status === 429) refusedBy.add(gateway);
      else expect(response.status).toBe(200);
    }
    expect(refusedBy.size).toBe(2);

    // What was really spent, as metered: never above the limit, and most of it used.
    let spent = 0n;
    await eventually('every request is metered', async () => {
      const { rows } = await platform.db.query<{ count: number; spent: string }>(
        'SELECT count(*)::int AS count, coalesce(sum(cost_nano_usd), 0)::text AS spent FROM usage_records WHERE request_id = ANY($1)',
        [ids],
      );
      spent = BigInt(rows[0]!.spent);
      return rows[0]!.count === ids.length;
    });
    expect(spent).toBeLessThanOrEqual(BigInt(limit));
    expect(spent).toBeGreaterThanOrEqual(BigInt(limit / 2));
  });
});
