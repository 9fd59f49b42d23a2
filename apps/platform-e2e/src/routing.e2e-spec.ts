import { randomUUID } from 'node:crypto';
import { eventually, startAppProcess, type AppProcess } from '@llmgw/testing';
import { startPlatform, type Platform } from './platform.fixture';

describe('routing and resilience across gateway replicas', () => {
  let platform: Platform;
  let secondGateway: AppProcess | undefined;

  beforeAll(async () => {
    platform = await startPlatform({ CIRCUIT_BREAKER_RECOVERY_TIMEOUT: '600' });
  });

  afterAll(async () => {
    await secondGateway?.stop();
    await platform?.stop();
  });

  async function adminFetch(path: string, init: RequestInit = {}): Promise<Response> {
    const login = await fetch(`${platform.admin.url}/admin/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: platform.adminEmail, password: platform.adminPassword }),
    });
    const { access_token: token } = (await login.json()) as { access_token: string };
    return fetch(`${platform.admin.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
  }

  const chat = (gatewayUrl: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fetch(`${gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json', 'x-request-id': randomUUID(), ...headers },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'Write a SQL query that counts orders per customer' }], ...body }),
    });

  it('routes "model": "auto" by strategy and says why', async () => {
    const response = await chat(platform.gateway.url, { model: 'auto' }, { 'x-llmgw-strategy': 'cost_optimized' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-llmgw-model')).toBe('mock-fast');
    expect(response.headers.get('x-llmgw-fallback-count')).toBe('0');
    expect(response.headers.get('x-llmgw-route-reason')).toMatch(/\S/);
    const requestId = response.headers.get('x-request-id')!;
    await eventually('the routed request is metered with its task type', async () => {
      const { rows } = await platform.db.query('SELECT task_type, model FROM usage_records WHERE request_id = $1', [requestId]);
      return rows[0]?.task_type === 'sql_generation' && rows[0]?.model === 'mock-fast';
    });

    // The router learns from what it served: live latency, success rate, cost and health.
    const status = (await (await fetch(`${platform.gateway.url}/v1/router/status`, { headers: { authorization: `Bearer ${platform.apiKey}` } })).json()) as {
      providers: Array<{ provider: string; models: Array<{ id: string; live: { samples: number; health: string; averageCostNanoUsd: number | null } | null }> }>;
    };
    const live = status.providers.find((provider) => provider.provider === 'mock')!.models.find((model) => model.id === 'mock-fast')!.live;
    expect(live).toMatchObject({ samples: 1, health: 'healthy' });
    expect(live!.averageCostNanoUsd).toBeGreaterThan(0);
  });

  it('refuses an unknown strategy with a 400 naming the header', async () => {
    const response = await chat(platform.gateway.url, { model: 'auto' }, { 'x-llmgw-strategy': 'fastest-please' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe('x-llmgw-strategy');
  });

  it('falls over to the next ranked model when a provider keeps failing, and meters the fallbacks', async () => {
    platform.upstream.setBehaviour({ status: 500 });
    const response = await chat(platform.gateway.url, { model: 'auto' }, { 'x-llmgw-strategy': 'quality_optimized' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-llmgw-provider')).toBe('mock');
    const fallbacks = Number(response.headers.get('x-llmgw-fallback-count'));
    expect(fallbacks).toBeGreaterThanOrEqual(1);
    const requestId = response.headers.get('x-request-id')!;
    await eventually('the fallback count is metered', async () => {
      const { rows } = await platform.db.query('SELECT fallback_count FROM usage_records WHERE request_id = $1', [requestId]);
      return rows[0]?.fallback_count === fallbacks;
    });
  });

  it('opens the circuit after repeated failures, for every replica sharing Redis', async () => {
    platform.upstream.setBehaviour({ status: 500 });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const failed = await chat(platform.gateway.url, { model: 'gpt-4o' });
      expect([502, 503]).toContain(failed.status);
    }
    platform.upstream.setBehaviour({ status: 200 });
    // Chat calls only: a gateway that boots also checks each provider's health.
    const chatCalls = () => platform.upstream.requests.filter((request) => request.path.endsWith('/chat/completions')).length;
    const callsBefore = chatCalls();
    const refused = await chat(platform.gateway.url, { model: 'gpt-4o' });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/circuit[ _]open/i);

    secondGateway = await startAppProcess('dist/apps/gateway/src/main.js', platform.env);
    const elsewhere = await chat(secondGateway.url, { model: 'gpt-4o' });
    expect(elsewhere.status).toBe(503);
    expect(chatCalls()).toBe(callsBefore);

    const auth = { authorization: `Bearer ${platform.apiKey}` };
    const circuits = (await (await fetch(`${secondGateway.url}/v1/circuit-breakers/status`, { headers: auth })).json()) as { circuits: Record<string, { state: string }> };
    expect(circuits.circuits['openai:gpt-4o']?.state).toBe('open');
    const status = (await (await fetch(`${secondGateway.url}/v1/router/status`, { headers: auth })).json()) as {
      providers: Array<{ provider: string; models: Array<{ id: string; circuit: string }> }>;
    };
    const openai = status.providers.find((provider) => provider.provider === 'openai')!;
    expect(openai.models.find((model) => model.id === 'gpt-4o')?.circuit).toBe('open');

    // An admin resets it through the control plane, and both replicas serve again.
    const login = await fetch(`${platform.admin.url}/admin/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: platform.adminEmail, password: platform.adminPassword }),
    });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const reset = await fetch(`${platform.admin.url}/admin/circuit-breakers/reset`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'openai', model: 'gpt-4o' }),
    });
    expect(reset.status).toBe(200);
    expect((await chat(platform.gateway.url, { model: 'gpt-4o' })).status).toBe(200);
    expect((await chat(secondGateway.url, { model: 'gpt-4o' })).status).toBe(200);
  });

  it('reuses auto-routing decisions per replica until an admin-scoped key clears them on every replica', async () => {
    secondGateway ??= await startAppProcess('dist/apps/gateway/src/main.js', platform.env);
    // The same prompt each time: the response cache is told to stay out of it.
    const ask = () => chat(secondGateway!.url, { model: 'auto' }, { 'x-llmgw-strategy': 'latency_optimized', 'x-llmgw-cache': 'no-cache, no-store' });
    expect((await ask()).headers.get('x-llmgw-route-reason')).not.toMatch(/cached decision/);
    expect((await ask()).headers.get('x-llmgw-route-reason')).toMatch(/cached decision/);

    const { key: plainKey } = (await (await adminFetch('/admin/keys', { method: 'POST', body: JSON.stringify({ name: 'no admin scope' }) })).json()) as { key: string };
    const clear = (apiKey: string) => fetch(`${platform.gateway.url}/v1/router/cache/clear`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}` } });
    const refused = await clear(plainKey);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('admin_scope_required');

    expect((await clear(platform.apiKey)).status).toBe(200); // the bootstrap key is the operator's: admin scope
    // Cleared through the first replica, forgotten by the second (Redis pub/sub).
    await eventually('the other replica drops its decisions', async () => !/cached decision/.test((await ask()).headers.get('x-llmgw-route-reason') ?? ''), 2_000);

    const reset = await fetch(`${secondGateway.url}/v1/circuit-breakers/reset`, {
      method: 'POST',
      headers: { authorization: `Bearer ${plainKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'openai' }),
    });
    expect(reset.status).toBe(403);
  });

  it('explains a routing decision without calling any model, for an OpenAI body or an intent', async () => {
    const callsBefore = platform.upstream.requests.length;
    const route = (body: unknown) =>
      fetch(`${platform.gateway.url}/v1/router/route`, {
        method: 'POST',
        headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json', 'x-llmgw-strategy': 'cost_optimized' },
        body: JSON.stringify(body),
      });
    const byIntent = await route({ intent: 'Generate a Python function that parses a CSV file' });
    expect(byIntent.status).toBe(200);
    const decision = (await byIntent.json()) as Record<string, unknown>;
    expect(decision).toMatchObject({ task_type: 'python_code', model: 'mock-fast', provider: 'mock' });
    expect(decision['reasoning']).toEqual(expect.any(String));
    expect(decision['fallback_providers']).toEqual(expect.any(Array));
    expect(decision['estimated_cost']).toMatch(/^\d+\.\d{9}$/);
    const byChat = await route({ model: 'auto', messages: [{ role: 'user', content: 'hello' }] });
    expect(byChat.status).toBe(200);
    expect((await route({ nonsense: true })).status).toBe(400);
    expect(platform.upstream.requests.length).toBe(callsBefore);
  });
});
