import { formatNanoUsd } from '@llmgw/contracts';
import type { CacheEntryMeta } from '../exact/cached-answer';
import type { ExactCacheStore } from '../exact/exact-cache.store';
import type { SemanticCache } from '../semantic/semantic-cache';
import { lowestValueEntries } from './entry-value';
import { globToRegExp } from './glob';

export interface CacheAdministrationSettings {
  enabled: boolean;
  semanticEnabled: boolean;
  scope: 'team' | 'key';
  ttlSeconds: number;
  maxEntries: number;
  similarityThreshold: number;
  similarityThresholdFloor: number;
  ivfThreshold: number;
}

export interface InvalidateCommand {
  /** Glob over the cached prompt or the answering model, e.g. `*refund*` or `gpt-4o*`. */
  pattern?: string;
  /** Only entries stored more than this many hours ago. */
  olderThanHours?: number;
  /** Only this tenant (`team:<id>` or `key:<id>`). */
  tenant?: string;
}

export type CacheStats = Awaited<ReturnType<CacheAdministration['stats']>>;

const MB = 1024 * 1024;
const ratio = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000);

/** Stats, invalidation and optimisation: the cache's control surface behind the admin endpoints. */
export class CacheAdministration {
  constructor(
    private readonly store: ExactCacheStore,
    private readonly semantic: SemanticCache | null,
    private readonly settings: CacheAdministrationSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counters are global (Redis); the index figures describe this replica's copy of the vectors. */
  async stats() {
    return this.format(await this.store.counters(this.now()));
  }

  async invalidate(command: InvalidateCommand): Promise<{ invalidated: number }> {
    const now = this.now();
    const pattern = command.pattern ? globToRegExp(command.pattern) : null;
    const cutoff = command.olderThanHours !== undefined ? now - command.olderThanHours * 3_600_000 : null;
    const chosen = (await this.store.entries(now)).filter(
      (entry) =>
        (!command.tenant || entry.tenant === command.tenant) &&
        (!pattern || pattern.test(entry.prompt) || pattern.test(entry.model)) &&
        (cutoff === null || entry.createdAt <= cutoff),
    );
    return { invalidated: await this.store.delete(chosen, false) };
  }

  /** Evicts the lowest-value `fraction` of entries (frequency 50%, recency 30%, age penalty 20%). */
  async optimize(fraction = 0.2): Promise<{ evicted: number; remaining: number }> {
    const now = this.now();
    const entries: CacheEntryMeta[] = await this.store.entries(now);
    const victims = lowestValueEntries(entries, now, fraction);
    const evicted = await this.store.delete(victims, true);
    return { evicted, remaining: entries.length - evicted };
  }

  private format(counters: Awaited<ReturnType<ExactCacheStore['counters']>>) {
    const hits = counters.exactHits + counters.semanticHits;
    const index = this.semantic?.stats();
    return {
      enabled: this.settings.enabled,
      semantic_enabled: this.settings.semanticEnabled,
      scope: this.settings.scope,
      ttl_seconds: this.settings.ttlSeconds,
      max_entries: this.settings.maxEntries,
      total_entries: counters.entries,
      total_requests: counters.requests,
      hits,
      exact_hits: counters.exactHits,
      semantic_hits: counters.semanticHits,
      misses: counters.misses,
      hit_rate: ratio(hits, counters.requests),
      exact_hit_rate: ratio(counters.exactHits, counters.requests),
      semantic_hit_rate: ratio(counters.semanticHits, counters.requests),
      stores: counters.stores,
      evictions: counters.evictions,
      cache_size_mb: Math.round((counters.bytes / MB) * 1000) / 1000,
      saved_cost_usd: formatNanoUsd(counters.savedNanoUsd),
      saved_cost_nano_usd: counters.savedNanoUsd.toString(),
      index: {
        total_vectors: index?.totalVectors ?? 0,
        partitions: index?.partitions ?? 0,
        index_type: index?.indexType ?? 'disabled',
        search_latency_ms: Math.round((index?.searchLatencyMs ?? 0) * 1000) / 1000,
        searches: index?.searches ?? 0,
        memory_usage_mb: Math.round(((index?.memoryBytes ?? 0) / MB) * 1000) / 1000,
        embedder: index?.embedder ?? null,
        similarity_threshold: this.settings.similarityThreshold,
        similarity_threshold_floor: this.settings.similarityThresholdFloor,
        ivf_threshold: this.settings.ivfThreshold,
      },
    };
  }
}
