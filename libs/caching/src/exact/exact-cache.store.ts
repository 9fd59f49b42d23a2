import type { CacheCounters, CacheEntryMeta, CachedAnswer } from './cached-answer';

export interface StoreRecord {
  answer: CachedAnswer;
  /** Last user prompt, for invalidation patterns. */
  prompt: string;
}

/** A cached answer and its age, as a lookup returns it. */
export interface StoredAnswer {
  answer: CachedAnswer;
  createdAt: number;
}

export interface EntryRef {
  tenant: string;
  key: string;
}

/**
 * Storage of exact-cache entries: Redis when distributed, memory when standalone; both pass
 * `describeExactCacheStoreContract`. Every call names the tenant: there is no way to read an
 * entry without it. `now` is milliseconds since the epoch (injected, for tests).
 */
export interface ExactCacheStore {
  /**
   * Reads an entry and marks it used; `countAs` also counts the request as that kind of hit, and
   * `missIsFinal` counts a miss in the same call (when no other lookup follows: one round trip).
   */
  get(ref: EntryRef, now: number, countAs?: 'exact' | 'semantic', missIsFinal?: boolean): Promise<StoredAnswer | null>;
  /** Stores (or replaces) an entry; evicts the least recently used beyond `maxEntries`. Returns how many were evicted. */
  set(ref: EntryRef, record: StoreRecord, ttlMs: number, now: number): Promise<number>;
  /** Every live entry's bookkeeping (admin paths only: it reads the whole cache). */
  entries(now: number): Promise<CacheEntryMeta[]>;
  /** Removes entries; `asEvictions` counts them in the evictions counter. Returns how many existed. */
  delete(refs: EntryRef[], asEvictions: boolean): Promise<number>;
  /** Counts a request that did not end in a cached answer (a hit is counted by `get`). */
  countMiss(): Promise<void>;
  counters(now: number): Promise<CacheCounters & { entries: number }>;
}
