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
    const callsBefore = platform.upstream.requests.length;
    const refused = await chat(platform.gateway.url, { model: 'gpt-4o' });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/circuit[ _]open/i);

    secondGateway = await startAppProcess('dist/apps/gateway/src/main.js', platform.env);
    const elsewhere = await chat(secondGateway.url, { model: 'gpt-4o' });
    expect(elsewhere.status).toBe(503);
    expect(platform.upstream.requests.length).toBe(callsBefore);
  });
});
