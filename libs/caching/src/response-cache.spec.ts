import type { ChatCompletion, ChatCompletionRequest } from '@llmgw/contracts';
import { cacheHeaderValue } from './cache-header';
import { DEFAULT_CACHE_CONTROLS } from './controls/cache-controls';
import { cacheScopeOf } from './keys/cache-scope';
import { InMemoryExactCacheStore } from './exact/in-memory-exact-cache.store';
import { type AnswerToStore, type CacheContext, ResponseCache } from './response-cache';
import { InMemoryVectorLog } from './semantic/in-memory-vector-log';
import { SemanticCache } from './semantic/semantic-cache';
import { SemanticIndex } from './semantic/semantic-index';
import { HashingEmbedder } from './testing/hashing-embedder';

const TEAM_A = cacheScopeOf({ apiKeyId: 'key-a', teamId: 'team-a' }, 'team');
const TEAM_B = cacheScopeOf({ apiKeyId: 'key-b', teamId: 'team-b' }, 'team');
const ctx = (scope = TEAM_A, controls: Partial<CacheContext['controls']> = {}): CacheContext => ({ scope, controls: { ...DEFAULT_CACHE_CONTROLS, ...controls } });

function request(content: string, extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest {
  return { model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content }], temperature: 0, ...extra };
}

function answer(content: string, extra: Partial<AnswerToStore> = {}, toolCalls = false): AnswerToStore {
  const completion: ChatCompletion = {
    id: 'chatcmpl-original',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-4o-mini-2024',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: toolCalls ? null : content,
          refusal: null,
          ...(toolCalls ? { tool_calls: [{ id: 'call_1', type: 'function' as const, function: { name: 'lookup', arguments: '{}' } }] } : {}),
        },
        finish_reason: toolCalls ? 'tool_calls' : 'stop',
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 12, completion_tokens: 4, total_tokens: 16 },
  };
  return { completion, provider: 'openai', model: 'gpt-4o-mini', costNanoUsd: 4_200, fallbackCount: 0, ...extra };
}

function makeCache(options: { semantic?: boolean; enabled?: boolean; clock?: { now: number } } = {}) {
  const clock = options.clock ?? { now: 1_800_000_000_000 };
  const store = new InMemoryExactCacheStore({ maxEntries: 1_000 });
  const embedder = new HashingEmbedder();
  const semantic = options.semantic
    ? new SemanticCache(embedder, new InMemoryVectorLog({ maxRecords: 1_000 }), new SemanticIndex({ ivfThreshold: 10_000, rebuildInterval: 1_000 }), {
        threshold: 0.8,
        floor: 0.7,
        maxTemperature: 0.5,
        lexicalGuard: true,
      })
    : null;
  const cache = new ResponseCache(store, { enabled: options.enabled ?? true, defaultTtlSeconds: 60, maxTtlSeconds: 3_600 }, semantic, () => clock.now);
  return { cache, store, embedder, clock };
}

describe('ResponseCache: exact', () => {
  it('misses, stores, then hits with a fresh id, the answering provider and model, and the saving', async () => {
    const { cache, store } = makeCache();
    await expect(cache.lookup(request('What is 2+2?'), ctx())).resolves.toBeNull();
    await cache.store(request('What is 2+2?'), ctx(), answer('4'));
    const hit = await cache.lookup(request('What is 2+2?'), ctx());
    expect(hit).toMatchObject({ result: 'exact', provider: 'openai', model: 'gpt-4o-mini', savedCostNanoUsd: 4_200, cachedAt: 1_800_000_000_000 });
    expect(hit?.completion.choices[0]?.message.content).toBe('4');
    expect(hit?.completion.id).not.toBe('chatcmpl-original');
    expect(cacheHeaderValue(hit)).toBe('hit');
    await expect(store.counters(0)).resolves.toMatchObject({ requests: 2, exactHits: 1, misses: 1, savedNanoUsd: 4_200n });
  });

  it('keys on every answer-changing parameter and ignores transport fields', async () => {
    const { cache } = makeCache();
    await cache.store(request('Hello', { max_tokens: 50, stream: false, user: 'u1' }), ctx(), answer('Hi'));
    await expect(cache.lookup(request('Hello', { max_tokens: 50, stream: true, user: 'u2', metadata: { a: 'b' } }), ctx())).resolves.not.toBeNull();
    for (const changed of [{ max_tokens: 51 }, { temperature: 0.2 }, { model: 'gpt-4o' }, { seed: 7 }, { response_format: { type: 'json_object' as const } }]) {
      await expect(cache.lookup(request('Hello', { max_tokens: 50, ...changed }), ctx())).resolves.toBeNull();
    }
    await expect(cache.lookup(request('Hello', { max_tokens: 50 }), { ...ctx(), routeKey: 'strategy=cost' })).resolves.toBeNull();
  });

  it('never serves another tenant, and a key without a team is its own tenant', async () => {
    const { cache } = makeCache();
    await cache.store(request('Secret plan?'), ctx(TEAM_A), answer('A only'));
    await expect(cache.lookup(request('Secret plan?'), ctx(TEAM_B))).resolves.toBeNull();
    const loneKey = cacheScopeOf({ apiKeyId: 'key-a', teamId: null }, 'team');
    await expect(cache.lookup(request('Secret plan?'), ctx(loneKey))).resolves.toBeNull();
    const perKey = cacheScopeOf({ apiKeyId: 'key-a2', teamId: 'team-a' }, 'key');
    await expect(cache.lookup(request('Secret plan?'), ctx(perKey))).resolves.toBeNull();
  });

  it('honours no-cache, no-store, a per-request TTL (capped) and the enable switch', async () => {
    const { cache, clock } = makeCache();
    await cache.store(request('q1'), ctx(TEAM_A, { noStore: true }), answer('a'));
    await expect(cache.lookup(request('q1'), ctx())).resolves.toBeNull();
    await cache.store(request('q1'), ctx(), answer('a'));
    await expect(cache.lookup(request('q1'), ctx(TEAM_A, { noCache: true }))).resolves.toBeNull();
    await cache.store(request('q2'), ctx(TEAM_A, { ttlSeconds: 5 }), answer('b'));
    clock.now += 4_000;
    await expect(cache.lookup(request('q2'), ctx())).resolves.not.toBeNull();
    clock.now += 1_000;
    await expect(cache.lookup(request('q2'), ctx())).resolves.toBeNull();
    await cache.store(request('q3'), ctx(TEAM_A, { ttlSeconds: 999_999 }), answer('c'));
    clock.now += 3_600_000;
    await expect(cache.lookup(request('q3'), ctx())).resolves.toBeNull();

    const off = makeCache({ enabled: false }).cache;
    await off.store(request('q'), ctx(), answer('a'));
    await expect(off.lookup(request('q'), ctx())).resolves.toBeNull();
  });

  it('stores a fallback answer under the model that answered, never the one asked for', async () => {
    const { cache } = makeCache();
    await cache.store(request('Fallback?', { model: 'gpt-4o' }), ctx(), answer('from claude', { provider: 'anthropic', model: 'claude-sonnet-4-5', fallbackCount: 1 }));
    await expect(cache.lookup(request('Fallback?', { model: 'gpt-4o' }), ctx())).resolves.toBeNull();
    await expect(cache.lookup(request('Fallback?', { model: 'claude-sonnet-4-5' }), ctx())).resolves.toMatchObject({ provider: 'anthropic', model: 'claude-sonnet-4-5' });
  });

  it('does not cache a content-filtered answer', async () => {
    const { cache } = makeCache();
    const filtered = answer('x');
    filtered.completion.choices[0]!.finish_reason = 'content_filter';
    await cache.store(request('bad'), ctx(), filtered);
    await expect(cache.lookup(request('bad'), ctx())).resolves.toBeNull();
  });

  it('treats a failing store as a miss instead of failing the request', async () => {
    const { cache, store } = makeCache();
    jest.spyOn(store, 'get').mockRejectedValue(new Error('redis down'));
    jest.spyOn(store, 'set').mockRejectedValue(new Error('redis down'));
    await expect(cache.store(request('q'), ctx(), answer('a'))).resolves.toBeUndefined();
    await expect(cache.lookup(request('q'), ctx())).resolves.toBeNull();
  });
});

describe('ResponseCache: semantic', () => {
  const reworded = 'Please list every row of the users table';
  const original = 'List every row of the users table please';

  it('answers a reworded prompt of the same tenant and partition, with its similarity', async () => {
    const { cache, store } = makeCache({ semantic: true });
    await cache.store(request(original), ctx(), answer('SELECT * FROM users;'));
    const hit = await cache.lookup(request(reworded), ctx());
    expect(hit).toMatchObject({ result: 'semantic', savedCostNanoUsd: 4_200 });
    expect(hit?.similarity).toBeGreaterThanOrEqual(0.8);
    expect(cacheHeaderValue(hit)).toMatch(/^semantic-hit; similarity=(0|1)\.\d\d$/);
    await expect(store.counters(0)).resolves.toMatchObject({ semanticHits: 1 });
  });

  it('embeds a missed prompt once for the lookup and the store that follows', async () => {
    const { cache, embedder } = makeCache({ semantic: true });
    await cache.lookup(request(original), ctx());
    await cache.store(request(original), ctx(), answer('x'));
    expect(embedder.calls).toBe(1);
  });

  it('never crosses tenants, system prompts, models, or the temperature ceiling', async () => {
    const { cache } = makeCache({ semantic: true });
    await cache.store(request(original), ctx(), answer('x'));
    await expect(cache.lookup(request(reworded), ctx(TEAM_B))).resolves.toBeNull();
    await expect(cache.lookup({ ...request(reworded), messages: [{ role: 'system', content: 'Be verbose.' }, { role: 'user', content: reworded }] }, ctx())).resolves.toBeNull();
    await expect(cache.lookup(request(reworded, { model: 'gpt-4o' }), ctx())).resolves.toBeNull();
    await expect(cache.lookup(request(reworded, { temperature: 0.9 }), ctx())).resolves.toBeNull();
    await expect(cache.lookup(request(reworded, { temperature: undefined }), ctx())).resolves.toBeNull();
  });

  it('refuses near-misses the lexical guard catches (another table, another number)', async () => {
    const { cache } = makeCache({ semantic: true });
    await cache.store(request(original), ctx(), answer('x'));
    await expect(cache.lookup(request('Please list every row of the orders table'), ctx())).resolves.toBeNull();
    await cache.store(request('Show the top 10 customers by revenue'), ctx(), answer('y'));
    await expect(cache.lookup(request('Show the top 20 customers by revenue'), ctx())).resolves.toBeNull();
  });

  it('lets callers raise the threshold but not lower it below the floor', async () => {
    const { cache } = makeCache({ semantic: true });
    await cache.store(request(original), ctx(), answer('x'));
    const close = 'Please list every single row of the users table';
    await expect(cache.lookup(request(close), ctx(TEAM_A, { similarityThreshold: 0.99 }))).resolves.toBeNull();
    await expect(cache.lookup(request(close), ctx(TEAM_A, { similarityThreshold: 0.9 }))).resolves.toMatchObject({ result: 'semantic' });
    await cache.store(request('Count the rows in the users table'), ctx(), answer('z'));
    // Similar words, lower similarity: a caller's 0.1 is raised to the 0.7 floor.
    await expect(cache.lookup(request('How many users have signed up this week in the users table'), ctx(TEAM_A, { similarityThreshold: 0.1 }))).resolves.toBeNull();
  });

  it('does not remember answers that call tools', async () => {
    const { cache } = makeCache({ semantic: true });
    await cache.store(request(original), ctx(), answer('', {}, true));
    await expect(cache.lookup(request(reworded), ctx())).resolves.toBeNull();
    await expect(cache.lookup(request(original), ctx())).resolves.toMatchObject({ result: 'exact' });
  });
});
