// A response cache holding `entries` answers in Redis and their vectors in one tenant partition
// of the semantic index (the worst case: partitions only make searches smaller), plus held-out
// paraphrase queries. Vectors are synthetic (text-like-distribution.ts): a
// lookup's prompt is mapped to its query vector by SyntheticEmbedder, and ModelCostEmbedder also
// runs the real offline model on the prompt, so the full lookup pays a real embedding.
import { existsSync } from 'node:fs';
import type Redis from 'ioredis';
import type { ChatCompletionRequest } from '@llmgw/contracts';
import { type CacheContext, DEFAULT_CACHE_CONTROLS, type Embedder, OfflineEmbedder, RedisExactCacheStore, ResponseCache } from '@llmgw/caching';
import { InMemoryVectorLog } from '../../libs/caching/src/semantic/in-memory-vector-log';
import { SemanticCache } from '../../libs/caching/src/semantic/semantic-cache';
import { DEFAULT_HNSW, graphSignature } from '../../libs/caching/src/semantic/hnsw-graph';
import { SemanticIndex } from '../../libs/caching/src/semantic/semantic-index';
import { benchFile, heldOutQueries, type HeldOutQueries, storedVectors, type VectorDistribution } from './synthetic-vectors';

export const D = 512;
export const QUERIES = 2_000;
export const TENANT = 'team:bench';
const DEFAULT_SIGNATURE = graphSignature(D, DEFAULT_HNSW);
const MODEL = 'gpt-4o-mini';

const storedPrompt = (row: number) => `How do I rotate the logs of service ${row} in production?`;
// A paraphrase the lexical guard accepts (same service number, only how it is asked changes).
const queryPrompt = (row: number) => `Please, how do I rotate the logs of service ${row} in production?`;

export const requestOf = (prompt: string): ChatCompletionRequest => ({ model: MODEL, messages: [{ role: 'user', content: prompt }], temperature: 0 });

const ANSWER = {
  completion: {
    id: 'chatcmpl-bench',
    object: 'chat.completion' as const,
    created: 1_700_000_000,
    model: MODEL,
    choices: [{ index: 0, message: { role: 'assistant' as const, content: 'x'.repeat(400), refusal: null }, finish_reason: 'stop' as const, logprobs: null }],
    usage: { prompt_tokens: 50, completion_tokens: 100, total_tokens: 150 },
  },
  provider: 'openai',
  model: MODEL,
  costNanoUsd: 75_000,
};

/** Returns the vector a prompt was given; the same id for both embedders keeps them on one partition. */
class SyntheticEmbedder implements Embedder {
  readonly id = 'bench:synthetic-512';
  constructor(private readonly vectors: Map<string, Float32Array>) {}

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((text) => {
      const vector = this.vectors.get(text);
      if (!vector) throw new Error(`no synthetic vector for "${text}"`);
      return vector;
    });
  }
}

class ModelCostEmbedder implements Embedder {
  readonly id: string;
  constructor(
    private readonly model: OfflineEmbedder,
    private readonly synthetic: SyntheticEmbedder,
  ) {
    this.id = synthetic.id;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    await this.model.embed(texts);
    return this.synthetic.embed(texts);
  }
}

export interface SemanticFixture {
  entries: number;
  /** Names the vectors in file names (snapshots, ground truth). */
  dataset: string;
  stored: Float32Array;
  queries: HeldOutQueries;
  queryPrompt: (q: number) => string;
  store: RedisExactCacheStore;
  /** Redis memory the answers took, bytes. */
  redisBytes: number;
  context: CacheContext;
  indexWith(options: { ivfThreshold: number }): IndexUnderTest;
  drop(): Promise<void>;
}

export interface IndexUnderTest {
  index: SemanticIndex;
  partition: string;
  /** Resident memory the index added (vectors, graph, slots), bytes. */
  rssBytes: number;
  buildNote: string;
  /** The cache as the request path uses it, over this index. */
  cacheWith(embedder: 'synthetic' | OfflineEmbedder): ResponseCache;
}

const usedMemory = async (redis: Redis) => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export async function semanticFixture(redis: Redis, entries: number, distribution: VectorDistribution, runId: string): Promise<SemanticFixture> {
  const stored = storedVectors(entries, distribution);
  const queries = heldOutQueries(stored, distribution, QUERIES);
  const vectors = new Map<string, Float32Array>();
  for (let q = 0; q < QUERIES; q += 1) vectors.set(queryPrompt(queries.targets[q]!), queries.matrix.subarray(q * D, (q + 1) * D));
  const synthetic = new SyntheticEmbedder(vectors);
  const keyPrefix = `bench:cache:${runId}:${entries}:`;
  const store = new RedisExactCacheStore({ redis, keyPrefix, maxEntries: entries * 2 });
  const before = await usedMemory(redis);
  const now = Date.now();
  for (let start = 0; start < entries; start += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, entries - start) }, (_, i) => start + i);
    await Promise.all(batch.map((row) => store.set({ tenant: TENANT, key: `k${row}` }, { answer: ANSWER, prompt: storedPrompt(row) }, 3_600_000, now)));
  }
  const redisBytes = (await usedMemory(redis)) - before;
  const settings = { threshold: 0.8, floor: 0.8, maxTemperature: 1, lexicalGuard: true };

  const indexWith = ({ ivfThreshold }: { ivfThreshold: number }): IndexUnderTest => {
    const index = new SemanticIndex({ ivfThreshold, rebuildInterval: 1_000 });
    const log = new InMemoryVectorLog({ maxRecords: entries });
    const semanticOf = (embedder: Embedder) => new SemanticCache(embedder, log, index, settings);
    const partition = semanticOf(synthetic).probeOf({ request: requestOf(storedPrompt(0)) })?.partition;
    if (!partition) throw new Error('the bench request cannot use the semantic cache');
    collectGarbage();
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const expiresAt = now + 3_600_000;
    for (let row = 0; row < entries; row += 1) {
      index.upsert({ tenant: TENANT, partition, key: `k${row}`, prompt: storedPrompt(row), vector: stored.subarray(row * D, (row + 1) * D), expiresAt });
    }
    // Ids are given in insertion order, so a graph saved by an earlier run (or by hnsw-tuning) fits.
    const snapshot = (signature: string) => benchFile(`${distribution.name}-${entries}-${signature}.usearch`);
    const built = !existsSync(snapshot(DEFAULT_SIGNATURE));
    index.mergeNow((_tenant, _partition, signature) => snapshot(signature));
    const seconds = (performance.now() - started) / 1000;
    collectGarbage();
    const rssBytes = process.memoryUsage().rss - rssBefore;
    const kind = index.stats().indexType;
    const buildNote = kind === 'exact' ? 'no graph' : `graph ${built ? 'built and saved' : 'loaded from disk'}, ${seconds.toFixed(1)} s with the upserts`;
    return {
      index,
      partition,
      rssBytes,
      buildNote,
      cacheWith: (embedder) =>
        new ResponseCache(store, { enabled: true, defaultTtlSeconds: 3_600, maxTtlSeconds: 3_600 }, semanticOf(embedder === 'synthetic' ? synthetic : new ModelCostEmbedder(embedder, synthetic))),
    };
  };

  return {
    entries,
    dataset: distribution.name,
    stored,
    queries,
    queryPrompt: (q) => queryPrompt(queries.targets[q]!),
    store,
    redisBytes,
    context: { scope: { tenant: TENANT }, controls: DEFAULT_CACHE_CONTROLS },
    indexWith,
    async drop() {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 10_000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    },
  };
}
