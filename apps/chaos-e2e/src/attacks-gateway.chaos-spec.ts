import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { recordChaos } from './report/chaos-report';
import { adminCall, adminToken } from './support/admin-session';
import { startChaosPlatform, type ChaosPlatform } from './support/chaos-platform';
import { refusalProblem, send } from './support/http';

const IP_LIMIT = 400;
const PII_EMAIL = `pii-canary-${randomUUID().slice(0, 8)}@example.com`;
const PII_CARD = '4111 1111 1111 1111';

describe('attacks on the gateway: revoked keys on every replica, SSRF, secrets and PII leaking, key brute force', () => {
  let platform: ChaosPlatform;
  let token: string;
  let canary: Server;
  let canaryUrl: string;
  let canaryHits = 0;
  let refused = 0;
  let requests = 0;

  beforeAll(async () => {
    canary = createServer((_req, res) => {
      canaryHits += 1;
      res.end('{}');
    });
    await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
    canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`;
    platform = await startChaosPlatform({ gatewayReplicas: 2, env: { RATE_LIMIT_PER_MINUTE: String(IP_LIMIT) } });
    token = await adminToken(platform.admin!.url, platform.adminEmail, platform.adminPassword);
  });

  afterAll(async () => {
    recordChaos('attacks: gateway', { requests, faultsSurvived: refused, badInputs: refused });
    await platform?.stop();
    await new Promise((resolve) => canary.close(resolve));
  });

  const chat = (gateway: number, key: string, body: unknown = { model: 'mock-1', messages: [{ role: 'user', content: 'hi' }] }, headers: Record<string, string> = {}) => {
    requests += 1;
    return send(`${platform.gateways[gateway]!.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  };

  it('refuses a revoked key on every replica within a second', async () => {
    const created = await adminCall<{ id: string; key: string }>(platform.admin!.url, token, 'POST', '/admin/keys', { name: 'revoke me' });
    expect(created.status).toBe(201);
    // Warm both replicas' key caches: the revocation must reach them, not a cold lookup.
    for (const gateway of [0, 1]) expect((await chat(gateway, created.body.key)).status).toBe(200);
    expect((await adminCall(platform.admin!.url, token, 'DELETE', `/admin/keys/${created.body.id}`)).status).toBeLessThan(300);
    const revokedAt = Date.now();
    const refusedAfter: number[] = [];
    for (const gateway of [0, 1]) {
      while ((await chat(gateway, created.body.key)).status !== 401) {
        if (Date.now() - revokedAt > 1_000) throw new Error(`replica ${gateway} still serves a key revoked ${Date.now() - revokedAt} ms ago`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      refusedAfter.push(Date.now() - revokedAt);
      refused += 1;
    }
    expect(Math.max(...refusedAfter)).toBeLessThanOrEqual(1_000);
  });

  it('cannot be pointed at an arbitrary URL by any request field or header (SSRF)', async () => {
    const base = { model: 'mock-1', messages: [{ role: 'user', content: 'hi' }] };
    const bodies: unknown[] = [
      { ...base, base_url: canaryUrl },
      { ...base, api_base: `${canaryUrl}/v1` },
      { ...base, baseURL: canaryUrl, url: canaryUrl, endpoint: canaryUrl, provider_url: canaryUrl, webhook: canaryUrl, callback_url: canaryUrl },
      { ...base, model: `${canaryUrl}/v1` },
      { ...base, model: `openai/${canaryUrl}` },
      { ...base, provider: { base_url: canaryUrl }, extra_body: { base_url: canaryUrl }, extra_headers: { host: canaryUrl.slice(7) } },
      { ...base, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: `${canaryUrl}/image.png` } }] }] },
      { ...base, tools: [{ type: 'function', function: { name: 'f', parameters: { $ref: `${canaryUrl}/schema.json` } } }] },
      { ...base, response_format: { type: 'json_schema', json_schema: { name: 's', schema: { $ref: `${canaryUrl}/s.json` } } } },
    ];
    const headers: Array<Record<string, string>> = [{ 'x-llmgw-base-url': canaryUrl }, { 'x-base-url': canaryUrl }, { 'x-forwarded-host': canaryUrl.slice(7) }, { 'x-llmgw-provider-url': canaryUrl }];
    for (const body of bodies) {
      const answer = await chat(0, platform.apiKey, body);
      expect(refusalProblem(answer)).toBeNull();
    }
    for (const header of headers) expect(refusalProblem(await chat(0, platform.apiKey, base, header))).toBeNull();
    for (const path of ['/v1/embeddings', '/v1/router/route', '/v1/generate']) {
      requests += 1;
      await send(`${platform.gateways[0]!.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'mock-1', input: canaryUrl, prompt: canaryUrl, base_url: canaryUrl, messages: base.messages }),
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(canaryHits).toBe(0);
    refused += bodies.length + headers.length + 3;
  });

  it('keeps secrets and PII out of logs, error bodies and metric labels', async () => {
    const prompt = `my email is ${PII_EMAIL} and my card ${PII_CARD}`;
    expect((await chat(0, platform.apiKey, { model: 'mock-1', messages: [{ role: 'user', content: prompt }] })).status).toBeLessThan(500);
    // The upstream echoes a secret-looking message in its error; the gateway must not pass secrets on.
    platform.upstream.setBehaviour({ status: 401, error: { message: `Incorrect API key provided: ${platform.env.OPENAI_API_KEY}` } });
    const upstreamFailure = await chat(1, platform.apiKey, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] });
    platform.upstream.setBehaviour({ status: 200, error: null });
    expect(upstreamFailure.status).toBeGreaterThanOrEqual(400);
    expect(platform.upstream.requests.length).toBeGreaterThan(0);
    const wrongKey = await chat(0, `${platform.apiKey.slice(0, -4)}abcd`);
    const metrics = (await Promise.all(platform.gateways.map((gateway) => send(`${gateway.url}/metrics`)))).map((answer) => answer.text).join('\n');
    const secrets = {
      'upstream provider key': platform.env.OPENAI_API_KEY!,
      'gateway API key': platform.apiKey,
      'wrong API key sent by a caller': `${platform.apiKey.slice(0, -4)}abcd`,
      'admin password': platform.adminPassword,
      'JWT secret': platform.env.JWT_SECRET!,
      'key hash secret': platform.env.API_KEY_HASH_SECRET!,
      'admin token': token,
      'PII email': PII_EMAIL,
      'PII card': PII_CARD,
    };
    const places = { 'log lines': platform.output(), 'upstream error body': upstreamFailure.text, 'wrong key error body': wrongKey.text, 'metric labels': metrics };
    for (const [place, text] of Object.entries(places)) {
      for (const [what, secret] of Object.entries(secrets)) expect({ place, what, leaked: text.includes(secret) }).toEqual({ place, what, leaked: false });
    }
    expect(platform.output().length).toBeGreaterThan(0);
    refused += 3;
  });

  // Last: it spends this IP's window.
  it('rate-limits brute force of API keys per client IP, before authentication', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < IP_LIMIT + 10; attempt += 1) {
      const answer = await chat(attempt % 2, `sk-llmgw-${randomBytes(24).toString('hex')}`);
      expect(refusalProblem(answer)).toBeNull();
      statuses.push(answer.status);
      if (answer.status === 429) break;
    }
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // The window is shared by the replicas: the right key from this IP waits too.
    expect((await chat(1, platform.apiKey)).status).toBe(429);
    refused += statuses.length;
  });
});
