import type { ChatCompletion, NanoUsd } from '@llmgw/contracts';

/** What the cache keeps for one answer: who really answered and what it cost, for savings. */
export interface CachedAnswer {
  completion: ChatCompletion;
  provider: string;
  model: string;
  costNanoUsd: NanoUsd;
}

/** An entry's bookkeeping, as invalidation and optimisation see it (no answer body). */
export interface CacheEntryMeta {
  tenant: string;
  key: string;
  model: string;
  prompt: string;
  createdAt: number;
  lastAccessAt: number;
  hits: number;
}

/** Global counters, shared by every replica. */
export interface CacheCounters {
  requests: number;
  exactHits: number;
  semanticHits: number;
  misses: number;
  stores: number;
  evictions: number;
  savedNanoUsd: bigint;
  bytes: number;
}

