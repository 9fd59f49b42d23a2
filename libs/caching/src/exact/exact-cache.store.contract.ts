import type { CachedAnswer } from './cached-answer';
import type { ExactCacheStore, StoreRecord } from './exact-cache.store';

/** Builds a fresh, isolated store (own key space) holding at most `maxEntries`. */
export type ExactStoreFactory = (maxEntries?: number) => ExactCacheStore;

const HOUR = 3_600_000;

export function answerFixture(content: string, costNanoUsd = 1_500): CachedAnswer {
  return {
    completion: {
      id: `chatcmpl-${content}`,
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'gpt-4o-mini',
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    },
    provider: 'openai',
    model: 'gpt-4o-mini',
    costNanoUsd,
  };
}

const record = (content: string, cost?: number): StoreRecord => ({ answer: answerFixture(content, cost), prompt: `prompt ${content}` });

/** The behaviour every ExactCacheStore adapter must show; run by each adapter's own spec. */
export function describeExactCacheStoreContract(label: string, makeStore: () => ExactStoreFactory): void {
  describe(`ExactCacheStore contract: ${label}`, () => {
    let factory: ExactStoreFactory;
    beforeAll(() => {
      factory = makeStore();
    });
    const now = () => Date.now();

    it('returns what was stored, with its creation time, and nothing for an unknown key', async () => {
      const store = factory();
      const t = now();
      await store.set({ tenant: 'team:a', key: 'k1' }, record('one', 2_000), HOUR, t);
      await expect(store.get({ tenant: 'team:a', key: 'k1' }, t + 1)).resolves.toEqual({ answer: answerFixture('one', 2_000), createdAt: t });
      await expect(store.get({ tenant: 'team:a', key: 'k2' }, t + 1)).resolves.toBeNull();
    });

    it('never serves one tenant an entry stored by another under the same key', async () => {
      const store = factory();
      const t = now();
      await store.set({ tenant: 'team:a', key: 'same' }, record('for a'), HOUR, t);
      await expect(store.get({ tenant: 'team:b', key: 'same' }, t)).resolves.toBeNull();
      await store.set({ tenant: 'team:b', key: 'same' }, record('for b'), HOUR, t);
      await expect(store.get({ tenant: 'team:a', key: 'same' }, t)).resolves.toMatchObject({ answer: { completion: { id: 'chatcmpl-for a' } } });
      await expect(store.get({ tenant: 'team:b', key: 'same' }, t)).resolves.toMatchObject({ answer: { completion: { id: 'chatcmpl-for b' } } });
    });

    it('forgets an entry once its TTL has passed', async () => {
      const store = factory();
      await store.set({ tenant: 'team:a', key: 'short' }, record('short'), 40, now());
      await new Promise((resolve) => setTimeout(resolve, 80));
      await expect(store.get({ tenant: 'team:a', key: 'short' }, now())).resolves.toBeNull();
      await expect(store.counters(now())).resolves.toMatchObject({ entries: 0, bytes: 0 });
    });

    it('evicts the least recently used entry beyond maxEntries and counts it', async () => {
      const store = factory(3);
      const t = now();
      for (const [i, key] of ['a', 'b', 'c'].entries()) await store.set({ tenant: 'team:a', key }, record(key), HOUR, t + i);
      await store.get({ tenant: 'team:a', key: 'a' }, t + 10);
      await expect(store.set({ tenant: 'team:a', key: 'd' }, record('d'), HOUR, t + 11)).resolves.toBe(1);
      await expect(store.get({ tenant: 'team:a', key: 'b' }, t + 12)).resolves.toBeNull();
      for (const key of ['a', 'c', 'd']) await expect(store.get({ tenant: 'team:a', key }, t + 12)).resolves.not.toBeNull();
      await expect(store.counters(t + 12)).resolves.toMatchObject({ entries: 3, evictions: 1, stores: 4 });
    });

    it('replacing an entry keeps one entry and the byte count of the new one', async () => {
      const store = factory();
      const t = now();
      await store.set({ tenant: 'team:a', key: 'k' }, record('x'.repeat(500)), HOUR, t);
      await store.set({ tenant: 'team:a', key: 'k' }, record('short'), HOUR, t + 1);
      const counters = await store.counters(t + 2);
      expect(counters.entries).toBe(1);
      expect(counters.bytes).toBe(Buffer.byteLength(JSON.stringify(answerFixture('short'))));
    });

    it('counts hits by kind with the saved cost, and misses', async () => {
      const store = factory();
      const t = now();
      await store.set({ tenant: 'team:a', key: 'k' }, record('k', 7_000_000_000_000), HOUR, t);
      await store.get({ tenant: 'team:a', key: 'k' }, t, 'exact');
      await store.get({ tenant: 'team:a', key: 'k' }, t, 'semantic');
      await store.get({ tenant: 'team:a', key: 'k' }, t);
      await store.countMiss();
      await store.get({ tenant: 'team:a', key: 'absent' }, t, 'exact', true);
      await store.get({ tenant: 'team:a', key: 'k' }, t, 'exact', true);
      await expect(store.counters(t)).resolves.toMatchObject({
        requests: 5,
        exactHits: 2,
        semanticHits: 1,
        misses: 2,
        savedNanoUsd: 21_000_000_000_000n,
      });
    });

    it('lists entries with their access bookkeeping and deletes chosen ones', async () => {
      const store = factory();
      const t = now();
      await store.set({ tenant: 'team:a', key: 'k1' }, record('one'), HOUR, t);
      await store.set({ tenant: 'key:b', key: 'k2' }, record('two'), HOUR, t + 1);
      await store.get({ tenant: 'team:a', key: 'k1' }, t + 5);
      await store.get({ tenant: 'team:a', key: 'k1' }, t + 6);
      const entries = (await store.entries(t + 7)).sort((x, y) => x.key.localeCompare(y.key));
      expect(entries).toEqual([
        { tenant: 'team:a', key: 'k1', model: 'gpt-4o-mini', prompt: 'prompt one', createdAt: t, lastAccessAt: t + 6, hits: 2 },
        { tenant: 'key:b', key: 'k2', model: 'gpt-4o-mini', prompt: 'prompt two', createdAt: t + 1, lastAccessAt: t + 1, hits: 0 },
      ]);
      await expect(store.delete([{ tenant: 'team:a', key: 'k1' }, { tenant: 'team:a', key: 'missing' }], true)).resolves.toBe(1);
      await expect(store.get({ tenant: 'team:a', key: 'k1' }, t + 8)).resolves.toBeNull();
      await expect(store.counters(t + 8)).resolves.toMatchObject({ entries: 1, evictions: 1 });
      await store.delete([{ tenant: 'key:b', key: 'k2' }], false);
      await expect(store.counters(t + 9)).resolves.toMatchObject({ entries: 0, evictions: 1, bytes: 0 });
    });
  });
}
