import type { CacheCounters, CacheEntryMeta } from './cached-answer';
import type { EntryRef, ExactCacheStore, StoreRecord, StoredAnswer } from './exact-cache.store';

const SWEEP_EVERY_SETS = 1_000;

interface MemoryEntry extends CacheEntryMeta {
  record: StoreRecord;
  expiresAt: number;
  bytes: number;
}

/**
 * The standalone store: one Map whose insertion order is the LRU order (a read re-inserts),
 * so eviction takes the first entries. Same contract as the Redis store.
 */
export class InMemoryExactCacheStore implements ExactCacheStore {
  private readonly entriesByRef = new Map<string, MemoryEntry>();
  private readonly totals: CacheCounters = {
    requests: 0,
    exactHits: 0,
    semanticHits: 0,
    misses: 0,
    stores: 0,
    evictions: 0,
    savedNanoUsd: 0n,
    bytes: 0,
  };

  private setsSinceSweep = 0;

  constructor(private readonly options: { maxEntries: number }) {}

  async get(ref: EntryRef, now: number, countAs?: 'exact' | 'semantic', missIsFinal = false): Promise<StoredAnswer | null> {
    const id = memberOf(ref);
    const entry = this.entriesByRef.get(id);
    if (entry && entry.expiresAt <= now) this.drop(id);
    if (!entry || entry.expiresAt <= now) {
      if (missIsFinal) await this.countMiss();
      return null;
    }
    entry.hits += 1;
    entry.lastAccessAt = now;
    this.entriesByRef.delete(id);
    this.entriesByRef.set(id, entry);
    if (countAs) {
      this.totals.requests += 1;
      if (countAs === 'exact') this.totals.exactHits += 1;
      else this.totals.semanticHits += 1;
      this.totals.savedNanoUsd += BigInt(entry.record.answer.costNanoUsd);
    }
    return { answer: entry.record.answer, createdAt: entry.createdAt };
  }

  async set(ref: EntryRef, record: StoreRecord, ttlMs: number, now: number): Promise<number> {
    // Expired entries are found on read; a full sweep every so often keeps memory bounded.
    this.setsSinceSweep += 1;
    if (this.setsSinceSweep >= SWEEP_EVERY_SETS) this.purgeExpired(now);
    const id = memberOf(ref);
    this.drop(id);
    const bytes = Buffer.byteLength(JSON.stringify(record.answer));
    this.entriesByRef.set(id, {
      tenant: ref.tenant,
      key: ref.key,
      model: record.answer.model,
      prompt: record.prompt,
      createdAt: now,
      lastAccessAt: now,
      hits: 0,
      record,
      expiresAt: now + ttlMs,
      bytes,
    });
    this.totals.bytes += bytes;
    this.totals.stores += 1;
    let evicted = 0;
    for (const victim of this.entriesByRef.keys()) {
      if (this.entriesByRef.size <= this.options.maxEntries) break;
      this.drop(victim);
      evicted += 1;
    }
    this.totals.evictions += evicted;
    return evicted;
  }

  async entries(now: number): Promise<CacheEntryMeta[]> {
    this.purgeExpired(now);
    return [...this.entriesByRef.values()].map(({ tenant, key, model, prompt, createdAt, lastAccessAt, hits }) => ({
      tenant,
      key,
      model,
      prompt,
      createdAt,
      lastAccessAt,
      hits,
    }));
  }

  async delete(refs: EntryRef[], asEvictions: boolean): Promise<number> {
    let removed = 0;
    for (const ref of refs) if (this.drop(memberOf(ref))) removed += 1;
    if (asEvictions) this.totals.evictions += removed;
    return removed;
  }

  async countMiss(): Promise<void> {
    this.totals.requests += 1;
    this.totals.misses += 1;
  }

  async counters(now: number): Promise<CacheCounters & { entries: number }> {
    this.purgeExpired(now);
    return { ...this.totals, entries: this.entriesByRef.size };
  }

  private purgeExpired(now: number): void {
    this.setsSinceSweep = 0;
    for (const [id, entry] of this.entriesByRef) if (entry.expiresAt <= now) this.drop(id);
  }

  private drop(id: string): boolean {
    const entry = this.entriesByRef.get(id);
    if (!entry) return false;
    this.entriesByRef.delete(id);
    this.totals.bytes -= entry.bytes;
    return true;
  }
}

function memberOf(ref: EntryRef): string {
  return `${ref.tenant}|${ref.key}`;
}
