import type { KeyContext } from './key-context';

/** A lookup result worth remembering: a usable key, a revoked one, or no key at all. */
export type KeyLookup =
  { kind: 'valid'; context: KeyContext } | { kind: 'revoked'; apiKeyId: string } | { kind: 'unknown' };

export interface ApiKeyCacheOptions {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

/**
 * In-process TTL cache of key lookups by hash, bounded in size. A Map keeps insertion order,
 * so re-inserting on read makes the first entry the least recently used one to evict.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, { value: KeyLookup; expiresAt: number }>();
  private readonly now: () => number;

  constructor(private readonly options: ApiKeyCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get(keyHash: string): KeyLookup | undefined {
    const entry = this.entries.get(keyHash);
    // An expired entry stays (until evicted or replaced) as the last known answer: see `lastKnown`.
    if (!entry || entry.expiresAt <= this.now()) return undefined;
    this.entries.delete(keyHash);
    this.entries.set(keyHash, entry);
    return entry.value;
  }

  /** The last lookup stored for this hash, expired or not: for when the key store cannot be read. */
  lastKnown(keyHash: string): KeyLookup | undefined {
    return this.entries.get(keyHash)?.value;
  }

  set(keyHash: string, value: KeyLookup): void {
    this.entries.delete(keyHash);
    this.entries.set(keyHash, { value, expiresAt: this.now() + this.options.ttlMs });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** Forgets every entry about this key id (revocations are rare; a scan is fine). */
  forgetKey(apiKeyId: string): void {
    for (const [keyHash, entry] of this.entries) {
      const id =
        entry.value.kind === 'valid'
          ? entry.value.context.apiKeyId
          : entry.value.kind === 'revoked'
            ? entry.value.apiKeyId
            : null;
      if (id === apiKeyId) this.entries.delete(keyHash);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
