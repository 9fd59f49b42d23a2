import { answerFixture } from '../exact/exact-cache.store.contract';
import { InMemoryExactCacheStore } from '../exact/in-memory-exact-cache.store';
import { CacheAdministration } from './cache-administration';
import { entryValues, lowestValueEntries } from './entry-value';

const HOUR = 3_600_000;
const settings = {
  enabled: true,
  semanticEnabled: false,
  scope: 'team' as const,
  ttlSeconds: 86_400,
  maxEntries: 1_000,
  similarityThreshold: 0.9,
  similarityThresholdFloor: 0.85,
  ivfThreshold: 10_000,
};

async function seeded(now: number) {
  const store = new InMemoryExactCacheStore({ maxEntries: 1_000 });
  const put = (tenant: string, key: string, prompt: string, createdAt: number, model = 'gpt-4o-mini') =>
    store.set({ tenant, key }, { answer: { ...answerFixture(key), model }, prompt }, 48 * HOUR, createdAt);
  await put('team:a', 'refund-1', 'How do I get a refund?', now - 30 * HOUR);
  await put('team:a', 'refund-2', 'Refund policy for annual plans', now - 2 * HOUR);
  await put('team:b', 'refund-3', 'Where is my REFUND', now - 30 * HOUR);
  await put('team:a', 'sql', 'select all users', now - 1 * HOUR, 'claude-sonnet-4-5');
  return store;
}

describe('CacheAdministration.invalidate', () => {
  const now = 1_800_000_000_000;

  it('removes entries whose prompt or model matches the glob, case-insensitively', async () => {
    const store = await seeded(now);
    const admin = new CacheAdministration(store, null, settings, () => now);
    await expect(admin.invalidate({ pattern: '*refund*' })).resolves.toEqual({ invalidated: 3 });
    await expect(admin.invalidate({ pattern: 'claude-*' })).resolves.toEqual({ invalidated: 1 });
    await expect(store.counters(now)).resolves.toMatchObject({ entries: 0, evictions: 0 });
  });

  it('combines the pattern with an age and a tenant filter', async () => {
    const store = await seeded(now);
    const admin = new CacheAdministration(store, null, settings, () => now);
    await expect(admin.invalidate({ pattern: '*refund*', olderThanHours: 24, tenant: 'team:a' })).resolves.toEqual({ invalidated: 1 });
    const left = (await store.entries(now)).map((entry) => entry.key).sort();
    expect(left).toEqual(['refund-2', 'refund-3', 'sql']);
  });
});

describe('CacheAdministration.optimize and entry values', () => {
  const now = 1_800_000_000_000;
  const meta = (key: string, hits: number, idleH: number, ageH: number) => ({
    tenant: 't',
    key,
    model: 'm',
    prompt: '',
    hits,
    lastAccessAt: now - idleH * HOUR,
    createdAt: now - ageH * HOUR,
  });

  it('values frequent, recent, young entries above rare, idle, old ones (50/30/20)', () => {
    const [best, worst, middle] = entryValues([meta('best', 100, 0, 0), meta('worst', 0, 10, 10), meta('mid', 10, 5, 5)], now);
    expect(best).toBeCloseTo(1, 6);
    expect(worst).toBeCloseTo(0, 6);
    expect(middle).toBeCloseTo(0.5 * (Math.log1p(10) / Math.log1p(100)) + 0.3 * 0.5 + 0.2 * 0.5, 6);
  });

  it('picks the lowest-value 20%', () => {
    const entries = Array.from({ length: 10 }, (_, i) => meta(`k${i}`, i, 10 - i, 10));
    expect(lowestValueEntries(entries, now, 0.2).map((entry) => entry.key)).toEqual(['k0', 'k1']);
  });

  it('evicts a fifth of the cache, the least valuable, and counts them as evictions', async () => {
    const store = new InMemoryExactCacheStore({ maxEntries: 1_000 });
    for (let i = 0; i < 10; i += 1) {
      await store.set({ tenant: 'team:a', key: `k${i}` }, { answer: answerFixture(`k${i}`), prompt: '' }, 48 * HOUR, now - HOUR);
      for (let hit = 0; hit < i; hit += 1) await store.get({ tenant: 'team:a', key: `k${i}` }, now - HOUR + i * 1000);
    }
    const admin = new CacheAdministration(store, null, settings, () => now);
    await expect(admin.optimize()).resolves.toEqual({ evicted: 2, remaining: 8 });
    const left = (await store.entries(now)).map((entry) => entry.key);
    expect(left).not.toContain('k0');
    expect(left).not.toContain('k1');
    const stats = await admin.stats();
    expect(stats).toMatchObject({ total_entries: 8, evictions: 2, hit_rate: 0, index: { index_type: 'disabled', total_vectors: 0 } });
  });
});
