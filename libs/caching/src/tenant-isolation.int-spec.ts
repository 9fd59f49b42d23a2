import { randomUUID } from 'node:crypto';
import type { ChatCompletionRequest } from '@llmgw/contracts';
import { DEFAULT_CACHE_CONTROLS } from './controls/cache-controls';
import { answerFixture } from './exact/exact-cache.store.contract';
import { cacheScopeOf } from './keys/cache-scope';
import type { CacheContext } from './response-cache';
import { HashingEmbedder } from './testing/hashing-embedder';
import { dropPrefix, redisReplica } from './testing/redis-cache';

const PROMPTS = 500;
const prefix = `test:cache:${randomUUID()}:`;
const teamA = cacheScopeOf({ apiKeyId: randomUUID(), teamId: randomUUID() }, 'team');
const teamB = cacheScopeOf({ apiKeyId: randomUUID(), teamId: randomUUID() }, 'team');
const teamC = cacheScopeOf({ apiKeyId: randomUUID(), teamId: null }, 'team');
const ctx = (scope: CacheContext['scope']): CacheContext => ({ scope, controls: DEFAULT_CACHE_CONTROLS });

const request = (content: string): ChatCompletionRequest => ({ model: 'gpt-4o-mini', temperature: 0, messages: [{ role: 'user', content }] });
// Word-level paraphrase (same words reordered plus one): the hashing embedder scores it >= 0.9.
const original = (i: number) => `question ${i}: how should we configure the deployment pipeline for service number ${i}`;
const reworded = (i: number) => `please answer question ${i}: for service number ${i} how should we configure the deployment pipeline`;

afterAll(() => dropPrefix(prefix));

describe('tenant isolation (Redis store and vector log, two replicas)', () => {
  it('1,000 paired probes across two tenants storing the same prompts: each gets only its own answers', async () => {
    const replica1 = await redisReplica(prefix, new HashingEmbedder());
    const replica2 = await redisReplica(prefix, new HashingEmbedder());
    try {
      // Both tenants store answers to the same prompts: identical exact keys and vectors, the worst case.
      for (let i = 0; i < PROMPTS; i += 1) {
        await replica1.cache.store(request(original(i)), ctx(teamA), { ...answerFixture(`A-${i}`), fallbackCount: 0 });
        await replica1.cache.store(request(original(i)), ctx(teamB), { ...answerFixture(`B-${i}`), fallbackCount: 0 });
      }
      const wrong: string[] = [];
      const hits = { exact: 0, semantic: 0 };
      const probe = async (prompt: string, scope: CacheContext['scope'], expected: string | null) => {
        // The second replica probes, so the vectors must have come through the shared log.
        const hit = await replica2.cache.lookup(request(prompt), ctx(scope));
        const content = hit?.completion.choices[0]?.message.content ?? null;
        if (content !== expected) wrong.push(`${scope.tenant} "${prompt}" -> ${content}`);
        if (hit) hits[hit.result] += 1;
      };
      for (let i = 0; i < PROMPTS; i += 1) {
        // One pair: the same exact prompt from each tenant; another: the same reworded prompt.
        await probe(original(i), teamA, `A-${i}`);
        await probe(original(i), teamB, `B-${i}`);
        await probe(reworded(i), teamA, `A-${i}`);
        await probe(reworded(i), teamB, `B-${i}`);
        // A third tenant with an empty cache finds nothing of either.
        await probe(original(i), teamC, null);
        await probe(reworded(i), teamC, null);
      }
      expect(wrong).toEqual([]);
      expect(hits).toEqual({ exact: 2 * PROMPTS, semantic: 2 * PROMPTS });
    } finally {
      await replica1.close();
      await replica2.close();
    }
  }, 120_000);

  it('a replica started later (or restarted) loads every vector from Redis and serves semantic hits', async () => {
    const late = await redisReplica(prefix, new HashingEmbedder());
    try {
      const hit = await late.cache.lookup(request(reworded(7)), ctx(teamA));
      expect(hit).toMatchObject({ result: 'semantic' });
      expect(hit?.completion.choices[0]?.message.content).toBe('A-7');
      expect(late.semantic.stats().totalVectors).toBe(2 * PROMPTS);
    } finally {
      await late.close();
    }
  });
});
