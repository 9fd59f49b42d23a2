import fc from 'fast-check';
import { recordChaos } from './report/chaos-report';
import { badBodies, type BadBody, badQueries, oversizedBody } from './support/bad-input.arbitraries';
import { startChaosPlatform, type ChaosPlatform } from './support/chaos-platform';
import { type ErrorShape, refusalProblem, send } from './support/http';

const BODY_LIMIT = 256 * 1024;
const RUNS = Number(process.env.CHAOS_FUZZ_RUNS ?? 150);
const CHAT = { model: 'mock-1', messages: [{ role: 'user', content: 'hello' }], max_tokens: 16, temperature: 0.5, stream: false };

interface PostEndpoint {
  path: string;
  base: Record<string, unknown>;
  shape?: ErrorShape;
  /** Anthropic clients send the key in x-api-key. */
  keyHeader?: 'authorization' | 'x-api-key';
}

const POSTS: PostEndpoint[] = [
  { path: '/v1/chat/completions', base: CHAT },
  { path: '/v1/embeddings', base: { model: 'mock-embedding-1', input: 'hello', encoding_format: 'float', dimensions: 8 } },
  { path: '/v1/messages', base: { model: 'mock-1', max_tokens: 16, messages: [{ role: 'user', content: 'hello' }], system: 'be brief' }, shape: 'anthropic', keyHeader: 'x-api-key' },
  { path: '/v1/generate', base: { prompt: 'hello', max_tokens: 16, temperature: 0.2 } },
  { path: '/v1/router/route', base: { ...CHAT, intent: 'chat', strategy: 'cost' } },
  { path: '/v1/cache/invalidate', base: { model: 'mock-1', prompt: 'hello', all: false } },
  { path: '/v1/cache/optimize', base: { dry_run: true } },
  { path: '/v1/circuit-breakers/reset', base: { provider: 'openai', model: 'mock-1' } },
  { path: '/v1/router/cache/clear', base: {} },
];

const GETS: Array<{ path: string; params: string[] }> = [
  { path: '/v1/models', params: ['capability', 'max_cost_per_1k', 'min_strength'] },
  { path: '/v1/models/cheapest', params: ['capability', 'max_cost_per_1k', 'min_strength'] },
  { path: '/v1/models/fastest', params: ['capability', 'max_cost_per_1k', 'min_strength'] },
  { path: '/v1/router/chain', params: ['model', 'strategy', 'prompt'] },
  { path: '/v1/router/status', params: ['verbose'] },
  { path: '/v1/circuit-breakers/status', params: ['provider'] },
  { path: '/v1/cache/stats', params: ['tenant'] },
];

describe('bad input against every public gateway endpoint: 4xx in the documented shape, never 5xx, crash or hang', () => {
  let platform: ChaosPlatform;
  let tried = 0;
  let requests = 0;

  beforeAll(async () => {
    // Limits off: this suite checks validation, not admission (brute force has its own suite).
    platform = await startChaosPlatform({
      apps: ['gateway'],
      env: { REQUEST_BODY_LIMIT_BYTES: String(BODY_LIMIT), RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_USER: '0', LOG_LEVEL: 'warn' },
    });
  });

  afterAll(async () => {
    recordChaos('bad input: gateway', { requests, badInputs: tried });
    await platform?.stop();
  });

  const post = (endpoint: PostEndpoint, bad: BadBody) => {
    const auth: Record<string, string> = endpoint.keyHeader === 'x-api-key' ? { 'x-api-key': platform.apiKey } : { authorization: `Bearer ${platform.apiKey}` };
    return send(`${platform.gateways[0]!.url}${endpoint.path}`, {
      method: 'POST',
      headers: { ...auth, ...(bad.contentType ? { 'content-type': bad.contentType } : {}) },
      body: bad.body,
    });
  };

  it.each(POSTS)('POST $path', async (endpoint) => {
    await fc.assert(
      fc.asyncProperty(badBodies(endpoint.base), async (bad) => {
        tried += 1;
        requests += 1;
        const problem = refusalProblem(await post(endpoint, bad), endpoint.shape);
        if (problem) throw new Error(`${bad.kind}: ${problem}`);
      }),
      { numRuns: RUNS },
    );
    const oversized = await post(endpoint, oversizedBody(endpoint.base, BODY_LIMIT));
    tried += 1;
    requests += 1;
    expect(oversized.status).toBe(413);
    expect(refusalProblem(oversized, endpoint.shape)).toBeNull();
  });

  it.each(GETS)('GET $path with odd query strings', async ({ path, params }) => {
    await fc.assert(
      fc.asyncProperty(badQueries(params), async (query) => {
        tried += 1;
        requests += 1;
        const answer = await send(`${platform.gateways[0]!.url}${path}?${query}`, { headers: { authorization: `Bearer ${platform.apiKey}` } });
        const problem = refusalProblem(answer);
        if (problem) throw new Error(`?${query.slice(0, 200)}: ${problem}`);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('is still alive and healthy after all of it', async () => {
    expect(platform.gateways[0]!.child.exitCode).toBeNull();
    const health = await send(`${platform.gateways[0]!.url}/health`);
    expect(health.status).toBe(200);
    const chat = await send(`${platform.gateways[0]!.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(CHAT),
    });
    requests += 1;
    expect(chat.status).toBe(200);
  });
});
