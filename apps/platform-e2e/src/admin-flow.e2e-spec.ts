import { randomUUID } from 'node:crypto';
import { eventually, openAiSchemaErrors } from '@llmgw/testing';
import { startPlatform, type Platform } from './platform.fixture';

describe('an admin creates a key, a service uses it, the admin sees the usage and revokes it', () => {
  let platform: Platform;
  let token: string;

  beforeAll(async () => {
    platform = await startPlatform();
    const login = await fetch(`${platform.admin.url}/admin/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: platform.adminEmail, password: platform.adminPassword }),
    });
    expect(login.status).toBe(200);
    token = ((await login.json()) as { access_token: string }).access_token;
  });

  afterAll(async () => {
    await platform?.stop();
  });

  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${platform.admin.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    });
  const chat = (key: string, body: unknown, requestId = randomUUID()) =>
    fetch(`${platform.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-request-id': requestId },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('serves, meters and then refuses a key made through the admin API', async () => {
    const created = await admin('/admin/keys', { method: 'POST', body: JSON.stringify({ name: 'e2e service' }) });
    expect(created.status).toBe(201);
    const key = (await created.json()) as { id: string; key: string; display_prefix: string };
    expect(key.key.startsWith(key.display_prefix)).toBe(true);

    const from = new Date(Date.now() - 60_000).toISOString();
    const requestId = randomUUID();
    const answer = await chat(key.key, { model: 'mock-1', messages: [{ role: 'user', content: 'hello from a new key' }] }, requestId);
    expect(answer.status).toBe(200);

    let row: Array<{ api_key_id: string; cost_nano_usd: string }> = [];
    await eventually('the request is in usage_records', async () => {
      row = (await platform.db.query('SELECT api_key_id, cost_nano_usd FROM usage_records WHERE request_id = $1', [requestId])).rows;
      return row.length === 1;
    });
    expect(row[0]).toMatchObject({ api_key_id: key.id });

    const summary = await admin(`/admin/usage?from=${encodeURIComponent(from)}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(summary.status).toBe(200);
    const report = (await summary.json()) as { requests: number; by_provider_model: Array<{ model: string; requests: number; cost_nano_usd: string }> };
    expect(report.requests).toBeGreaterThanOrEqual(1);
    const mock = report.by_provider_model.find((entry) => entry.model === 'mock-1');
    expect(BigInt(mock!.cost_nano_usd)).toBeGreaterThanOrEqual(BigInt(row[0]!.cost_nano_usd));

    const listed = (await (await admin('/admin/keys')).json()) as { data: Array<Record<string, unknown>> };
    const entry = listed.data.find((item) => item.id === key.id);
    expect(entry).toBeDefined();
    expect(JSON.stringify(listed)).not.toContain(key.key);

    expect((await admin(`/admin/keys/${key.id}`, { method: 'DELETE' })).status).toBeLessThan(300);
    // Revocation reaches the gateway over Redis pub/sub, well inside its key cache TTL.
    const stillThere = { model: 'mock-1', messages: [{ role: 'user', content: 'still there?' }] };
    await eventually('the gateway refuses the revoked key', async () => (await chat(key.key, stillThere)).status === 401, 2_000);
  });

  it('answers malformed requests with OpenAI-shaped 4xx errors', async () => {
    const malformed = await chat(platform.apiKey, '{"model": "mock-1", "messages": [');
    expect(malformed.status).toBe(400);
    expect(openAiSchemaErrors('ErrorResponse', await malformed.json())).toEqual([]);

    const wrongType = await chat(platform.apiKey, { model: 'mock-1', messages: [{ role: 'user', content: 'x' }], temperature: 'hot' });
    expect(wrongType.status).toBe(400);
    expect(((await wrongType.json()) as { error: { param: string } }).error.param).toBe('temperature');

    const anonymous = await fetch(`${platform.gateway.url}/v1/chat/completions`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(anonymous.status).toBe(401);
    expect(openAiSchemaErrors('ErrorResponse', await anonymous.json())).toEqual([]);
  });

  it('exposes health, readiness and metrics on every app', async () => {
    for (const app of [platform.gateway, platform.admin, platform.worker]) {
      expect((await fetch(`${app.url}/health`)).status).toBe(200);
      expect((await fetch(`${app.url}/health/ready`)).status).toBe(200);
    }
    const ready = (await (await fetch(`${platform.gateway.url}/health/ready`)).json()) as {
      details: { providers?: Record<string, unknown> & { status: string } };
    };
    expect(ready.details.providers?.status).toBe('up');
    expect(ready.details.providers?.mock).toMatchObject({ status: 'up' });
    const metrics = await (await fetch(`${platform.gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/llm_gateway_requests_total\{[^}]*model="mock-1"/);
    expect(metrics).toContain('llm_gateway_request_duration_seconds_bucket');
  });
});
