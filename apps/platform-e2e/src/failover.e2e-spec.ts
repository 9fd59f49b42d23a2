import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually } from '@llmgw/testing';
import { startPlatform, type Platform } from './platform.fixture';

// gpt-4o falls back to mock-1 (fallback_map), with no same-model retries and a short per-attempt
// timeout: every upstream fault goes straight to the fallback, so each case shows failover itself.
// (Retries and Retry-After waits are covered by the executor's specs under a virtual clock.)
describe('failover through the gateway when the upstream misbehaves', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'llmgw-failover-'));
  let platform: Platform;

  beforeAll(async () => {
    const config = path.join(dir, 'llm_gateway_config.json');
    writeFileSync(config, JSON.stringify({ routing: { fallback_map: { 'gpt-4o': ['mock-1'] } } }));
    platform = await startPlatform({ MAX_RETRIES: '0', UPSTREAM_TIMEOUT_MS: '1000', CIRCUIT_BREAKER_FAILURE_THRESHOLD: '100', LLM_GATEWAY_CONFIG: config });
  });

  afterEach(() => platform.upstream.setBehaviour({ status: 200, retryAfterSeconds: null, hang: false, failMidStream: null }));

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = (body: Record<string, unknown> = {}) =>
    fetch(`${platform.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json', 'x-request-id': randomUUID() },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Explain what a database index is' }], ...body }),
    });

  const meteredOnce = async (requestId: string) => {
    let seen: unknown = null;
    await eventually(`request ${requestId} is metered exactly once`, async () => {
      const { rows } = await platform.db.query('SELECT count(*)::int AS count, max(fallback_count) AS fallbacks FROM usage_records WHERE request_id = $1', [requestId]);
      seen = rows[0];
      return rows[0].count === 1 && rows[0].fallbacks === 1;
    }).catch((error: Error) => {
      throw new Error(`${error.message}; last seen ${JSON.stringify(seen)}`);
    });
  };

  it('moves on from a rate-limited provider (429 with Retry-After)', async () => {
    platform.upstream.setBehaviour({ status: 429, retryAfterSeconds: 30 });
    const response = await ask();
    expect(response.status).toBe(200);
    expect(response.headers.get('x-llmgw-model')).toBe('mock-1');
    expect(response.headers.get('x-llmgw-fallback-count')).toBe('1');
    await meteredOnce(response.headers.get('x-request-id')!);
  });

  it('moves on from a provider that hangs past the per-attempt timeout, well inside the deadline', async () => {
    platform.upstream.setBehaviour({ hang: true });
    const started = Date.now();
    const response = await ask();
    expect(response.status).toBe(200);
    expect(response.headers.get('x-llmgw-model')).toBe('mock-1');
    // One 1 s timeout, then the fallback: not a retry loop, not a hang.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    await meteredOnce(response.headers.get('x-request-id')!);
  });

  it('falls over transparently when a stream is reset before its first byte', async () => {
    platform.upstream.setBehaviour({ failMidStream: 0 });
    const response = await ask({ stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-llmgw-model')).toBe('mock-1');
    expect(response.headers.get('x-llmgw-fallback-count')).toBe('1');
    const text = await response.text();
    expect(text).toContain('data: [DONE]');
    expect(text).not.toContain('"error"');
  });
});
