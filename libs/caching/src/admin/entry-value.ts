import type { CacheEntryMeta } from '../exact/cached-answer';

/** Weights of an entry's value: how often it is used, how recently, and a penalty for age. */
export const VALUE_WEIGHTS = { frequency: 0.5, recency: 0.3, age: 0.2 } as const;

/**
 * Scores each entry in [0, 1] relative to the others: frequency is log-scaled hits, recency the
 * time since last use, age the time since it was stored (older answers are more likely stale).
 */
export function entryValues(entries: readonly CacheEntryMeta[], now: number): number[] {
  const maxHits = Math.max(0, ...entries.map((entry) => entry.hits));
  const maxIdle = Math.max(1, ...entries.map((entry) => now - entry.lastAccessAt));
  const maxAge = Math.max(1, ...entries.map((entry) => now - entry.createdAt));
  return entries.map((entry) => {
    const frequency = maxHits === 0 ? 0 : Math.log1p(entry.hits) / Math.log1p(maxHits);
    const recency = 1 - Math.max(0, now - entry.lastAccessAt) / maxIdle;
    const age = Math.max(0, now - entry.createdAt) / maxAge;
    return VALUE_WEIGHTS.frequency * frequency + VALUE_WEIGHTS.recency * recency + VALUE_WEIGHTS.age * (1 - age);
  });
}

/** The `fraction` of entries with the lowest value (ties: the older first). */
export function lowestValueEntries(entries: readonly CacheEntryMeta[], now: number, fraction: number): CacheEntryMeta[] {
  const values = entryValues(entries, now);
  const count = Math.floor(entries.length * fraction);
  return entries
    .map((entry, i) => ({ entry, value: values[i]! }))
    .sort((a, b) => a.value - b.value || a.entry.createdAt - b.entry.createdAt)
    .slice(0, count)
    .map(({ entry }) => entry);
}
