// Lookup latency of the response cache at 10K and 100K entries, embedding cost, memory.
//   BUILD_OUT_DIR=/tmp/build-h2 node tools/build.mjs &&
//   NODE_PATH=$PWD/node_modules node --expose-gc /tmp/build-h2/bench/caching/cache.bench.js   (from the repository root; needs Redis)
//   ... cache.bench.js vector [10k|100k|100k-f32]   runs only the vector search part
// Vectors are random unit vectors (the hardest case for HNSW recall); one tenant partition holds
// them all (the worst case: partitions only make searches smaller).
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Redis from 'ioredis';
import { OfflineEmbedder, RedisExactCacheStore } from '@llmgw/caching';
import { VectorPartition } from '../../libs/caching/src/semantic/vector-partition';

const D = 512;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function randomUnit(seed: number): Float32Array {
  let state = seed >>> 0 || 1;
  const vector = new Float32Array(D);
  let norm = 0;
  for (let i = 0; i < D; i += 1) {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    vector[i] = state / 2 ** 32 - 0.5;
    norm += vector[i]! * vector[i]!;
  }
  norm = Math.sqrt(norm);
  for (let i = 0; i < D; i += 1) vector[i] = vector[i]! / norm;
  return vector;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const fmt = (ms: number) => `${ms.toFixed(3)} ms`;
const heapMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return (process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers) / 1024 / 1024;
};

/**
 * Adds `entries` vectors, builds the graph, then searches. `incremental`: the partition merges on
 * its own in event-loop slices (the production path); the longest slice and the event-loop delay
 * while it runs show how long the loop is held. Otherwise one blocking multi-threaded batch
 * (mergeNow), used for 100K to keep the benchmark under two minutes. CPU time via process.cpuUsage
 * (the machine is shared: wall times are inflated, CPU times much less).
 */
async function vectorSearch(entries: number, incremental: boolean, quantization: 'f32' | 'i8'): Promise<void> {
  const before = heapMb();
  const partition = new VectorPartition({ dimensions: D, ivfThreshold: 10_000, rebuildInterval: 1_000, quantization });
  const vectors = Array.from({ length: entries }, (_, i) => randomUnit(i + 1));
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  delay.enable();
  for (let i = 0; i < entries; i += 1) partition.add(i + 1, vectors[i]!);
  if (incremental) await partition.whenMerged();
  else partition.mergeNow();
  delay.disable();
  const buildMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const memory = heapMb() - before;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let recall = 0;
  let worstError = 0;
  const probes = 1_000;
  for (let q = 0; q < probes; q += 1) {
    const target = ((q * 7_919) % entries) + 1;
    const query = randomUnit(target);
    // A near-duplicate query (a paraphrase) rather than the stored vector itself.
    for (let i = 0; i < D; i += 16) query[i] = query[i]! + 0.002;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const [best] = partition.search(query, 8);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuTimes.push((c.user + c.system) / 1000);
    if (best?.id === target) {
      recall += 1;
      const stored = vectors[target - 1]!;
      let dot = 0;
      let norm = 0;
      for (let i = 0; i < D; i += 1) {
        dot += stored[i]! * query[i]!;
        norm += query[i]! * query[i]!;
      }
      worstError = Math.max(worstError, Math.abs(best.similarity - dot / Math.sqrt(norm)));
    }
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  console.log(
    `vector search, ${entries.toLocaleString()} vectors (${partition.kind}, ${quantization}): wall p50 ${fmt(percentile(times, 50))}, p99 ${fmt(percentile(times, 99))}; ` +
      `CPU p50 ${fmt(percentile(cpuTimes, 50))}, p99 ${fmt(percentile(cpuTimes, 99))}; target p99 <= 2 ms; recall@1 ${(recall / probes).toFixed(3)}, worst similarity error ${worstError.toFixed(4)}`,
  );
  console.log(
    `  build (${incremental ? 'incremental, event-loop slices' : 'one blocking batch, all cores'}): ${(buildMs / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU, ` +
      `${(((cpu.user + cpu.system) / entries) / 1000).toFixed(2)} ms CPU a vector; longest hold of the event loop ${incremental ? fmt(partition.longestMergeSliceMs) : fmt(buildMs)} ` +
      `(event-loop delay max ${fmt(delay.max / 1e6)}); memory ${memory.toFixed(1)} MB (${((memory / entries) * 10_000).toFixed(1)} MB per 10K)`,
  );
}

async function exactLookups(redis: Redis, entries: number): Promise<void> {
  const prefix = `bench:cache:${randomUUID()}:`;
  const store = new RedisExactCacheStore({ redis, keyPrefix: prefix, maxEntries: entries * 2 });
  const memoryBefore = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
  const answer = {
    completion: {
      id: 'chatcmpl-bench',
      object: 'chat.completion' as const,
      created: 1_700_000_000,
      model: 'gpt-4o-mini',
      choices: [{ index: 0, message: { role: 'assistant' as const, content: 'x'.repeat(400), refusal: null }, finish_reason: 'stop' as const, logprobs: null }],
      usage: { prompt_tokens: 50, completion_tokens: 100, total_tokens: 150 },
    },
    provider: 'openai',
    model: 'gpt-4o-mini',
    costNanoUsd: 75_000,
  };
  const now = Date.now();
  for (let start = 0; start < entries; start += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, entries - start) }, (_, i) =>
        store.set({ tenant: 'team:bench', key: `k${start + i}` }, { answer, prompt: `prompt ${start + i}` }, 3_600_000, now),
      ),
    );
  }
  const memoryAfter = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
  const times: number[] = [];
  for (let q = 0; q < 2_000; q += 1) {
    const t0 = performance.now();
    await store.get({ tenant: 'team:bench', key: `k${(q * 7_919) % entries}` }, Date.now(), 'exact');
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `exact lookup (Redis round trip + Lua), ${entries.toLocaleString()} entries: p50 ${fmt(percentile(times, 50))}, p99 ${fmt(percentile(times, 99))}; ` +
      `Redis memory ${(((memoryAfter - memoryBefore) / entries) * 10_000 / 1024 / 1024).toFixed(1)} MB per 10K entries (~600-byte answers)`,
  );
  for (;;) {
    const [cursor, keys] = await redis.scan('0', 'MATCH', `${prefix}*`, 'COUNT', 10_000);
    if (keys.length > 0) await redis.del(...keys);
    if (cursor === '0' && keys.length === 0) break;
  }
}

async function embeddingCost(): Promise<void> {
  const embedder = new OfflineEmbedder();
  await embedder.embed(['warm up the worker and the model']);
  const prompts = Array.from({ length: 64 }, (_, i) => `How do I configure the retry policy for service ${i} in production?`);
  const sequential: number[] = [];
  for (const prompt of prompts.slice(0, 32)) {
    const t0 = performance.now();
    await embedder.embed([prompt]);
    sequential.push(performance.now() - t0);
  }
  sequential.sort((a, b) => a - b);
  const t0 = performance.now();
  await Promise.all(prompts.map((prompt) => embedder.embed([prompt])));
  const concurrentMs = performance.now() - t0;
  const eventLoopProbe = performance.now();
  await new Promise((resolve) => setImmediate(resolve));
  await embedder.close();
  console.log(
    `offline embedding (USE Lite, worker thread): one at a time p50 ${fmt(percentile(sequential, 50))}, p99 ${fmt(percentile(sequential, 99))}; ` +
      `64 concurrent requests ${fmt(concurrentMs / 64)} each (batched); main thread stays free (setImmediate after ${fmt(performance.now() - eventLoopProbe)})`,
  );
}

async function main(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    const only = process.argv[2];
    if (!only || only === 'embedding') await embeddingCost();
    if (!only || only === 'exact') {
      await exactLookups(redis, 10_000);
      await exactLookups(redis, 100_000);
    }
    if (!only || only === 'vector') {
      const size = process.argv[3];
      if (!size || size === '10k') await vectorSearch(10_000, true, 'f32');
      if (!size || size === '100k') await vectorSearch(100_000, false, 'i8');
      if (size === '100k-f32') await vectorSearch(100_000, false, 'f32');
    }
  } finally {
    await redis.quit();
  }
}

void main();
