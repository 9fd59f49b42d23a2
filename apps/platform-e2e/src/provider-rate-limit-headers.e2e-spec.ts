import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPlatform, type Platform } from './platform.fixture';

// Issue 5: the provider's rate-limit headers reach the client, prefixed, on every route that calls
// a provider; nothing else the upstream sends does. The mock OpenAI upstream sends OpenAI's
// rate-limit family plus headers that must never leave the gateway (canaries).
const PROVIDER_RATE_LIMITS = {
  'x-ratelimit-limit-requests': '5000',
  'x-ratelimit-limit-tokens': '160000',
  'x-ratelimit-remaining-requests': '4999',
  'x-ratelimit-remaining-tokens': '159976',
  'x-ratelimit-reset-requests': '12ms',
  'x-ratelimit-reset-tokens': '9ms',
};
const CANARIES = {
  'set-cookie': '__cf_bm=canary-cookie; path=/',
  'openai-organization': 'org-canary',
  'x-upstream-secret': 'canary-secret',
  'cf-ray': 'canary-ray',
};
const PREFIX = 'x-llmgw-provider-';
const EXPECTED = Object.fromEntries(Object.entries(PROVIDER_RATE_LIMITS).map(([name, value]) => [`${PREFIX}${name}`, value]));

/** Every `x-llmgw-provider-*` header of a response (the plain `x-llmgw-provider` names the provider). */
const relayed = (response: Response): Record<string, string> =>
  Object.fromEntries([...response.headers.entries()].filter(([name]) => name.startsWith(PREFIX)));

/** No upstream-only header, under its own name or prefixed, and no canary value anywhere. */
const expectNoLeak = (response: Response) => {
  for (const [name, value] of response.headers.entries()) {
    expect(value).not.toContain('canary');
    for (const canary of Object.keys(CANARIES)) expect([canary, `${PREFIX}${canary}`]).not.toContain(name);
  }
};

describe('provider rate-limit headers through the gateway', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'llmgw-provider-headers-'));
  let platform: Platform;

  beforeAll(async () => {
    // gpt-4o falls back to mock-1 (in process, no headers) when the upstream fails.
    const config = path.join(dir, 'llm_gateway_config.json');
    writeFileSync(config, JSON.stringify({ routing: { fallback_map: { 'gpt-4o': ['mock-1'] } } }));
    platform = await startPlatform({ MAX_RETRIES: '0', CIRCUIT_BREAKER_FAILURE_THRESHOLD: '100', LLM_GATEWAY_CONFIG: config });
    platform.upstream.setBehaviour({ responseHeaders: { ...PROVIDER_RATE_LIMITS, ...CANARIES } });
  });

  afterEach(() => platform.upstream.setBehaviour({ status: 200 }));

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (route: string, body: Record<string, unknown>) =>
    fetch(`${platform.gateway.url}${route}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${platform.apiKey}`,
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01',
        'x-request-id': randomUUID(),
      },
      body: JSON.stringify(body),
    });
  const chat = (extra: Record<string, unknown> = {}) =>
    post('/v1/chat/completions', { model: 'gpt-4o', messages: [{ role: 'user', content: `What is a B-tree? (${randomUUID()})` }], ...extra });

  it('relays them on a chat completion, beside the gateway’s own X-RateLimit-*', async () => {
    const response = await chat();
    expect(response.status).toBe(200);
    expect(relayed(response)).toEqual(EXPECTED);
    expect(response.headers.get('x-ratelimit-limit')).not.toBeNull();
    expectNoLeak(response);
    await response.json();
  });

  it('relays them on a streamed chat completion', async () => {
    const response = await chat({ stream: true });
    expect(response.status).toBe(200);
    expect(relayed(response)).toEqual(EXPECTED);
    expectNoLeak(response);
    expect(await response.text()).toContain('data: [DONE]');
  });

  it('relays them on embeddings', async () => {
    const response = await post('/v1/embeddings', { model: 'text-embedding-3-small', input: 'Embed this' });
    expect(response.status).toBe(200);
    expect(relayed(response)).toEqual(EXPECTED);
    expectNoLeak(response);
    await response.json();
  });

  it('relays them on /v1/messages, plain and streamed', async () => {
    // A new question each time: a streamed repeat of the plain one would be a cache hit (no headers).
    const body = () => ({ model: 'gpt-4o', max_tokens: 50, messages: [{ role: 'user', content: `Define latency (${randomUUID()})` }] });
    const plain = await post('/v1/messages', body());
    expect(plain.status).toBe(200);
    expect(relayed(plain)).toEqual(EXPECTED);
    expectNoLeak(plain);
    await plain.json();
    const streamed = await post('/v1/messages', { ...body(), stream: true });
    expect(streamed.status).toBe(200);
    expect(relayed(streamed)).toEqual(EXPECTED);
    expectNoLeak(streamed);
    expect(await streamed.text()).toContain('event: message_stop');
  });

  it('sends none on a cache hit', async () => {
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: `What is a hash join? (${randomUUID()})` }] };
    const first = await post('/v1/chat/completions', body);
    expect(relayed(first)).toEqual(EXPECTED);
    await first.json();
    const hit = await post('/v1/chat/completions', body);
    expect(hit.headers.get('x-llmgw-cache')).toBe('hit');
    expect(relayed(hit)).toEqual({});
    await hit.json();
  });

  it('after a fallback, carries those of the provider that answered, not of the one that failed', async () => {
    // The failing upstream's 429 carries rate-limit headers too; the answer comes from mock-1, which has none.
    platform.upstream.setBehaviour({ status: 429, retryAfterSeconds: 30 });
    for (const stream of [false, true]) {
      const response = await chat({ stream });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-llmgw-model')).toBe('mock-1');
      expect(relayed(response)).toEqual({});
      expectNoLeak(response);
      await response.text();
    }
  });
});
