// HNSW settings for the semantic cache's vector index: search latency and recall@1 (against exact
// search) on held-out queries, per quantization, connectivity and expansion. Graphs are built once
// per setting and kept on disk (BENCH_CACHE_DIR), so reruns only load them.
//   BUILD_OUT_DIR=/tmp/sem-build node tools/build.mjs
//   NODE_PATH=$PWD/node_modules taskset -c 1 node /tmp/sem-build/bench/caching/hnsw-tuning.bench.js [text-like|random] [entries] [setting ...]
// A setting is quantization:connectivity:expansionAdd:expansionSearch[/expansionSearch...],
// e.g. f16:16:128:32/48/64. Without settings, the grid below. Pin to one core when measuring:
// the search runs on one thread, and a shared machine's other work shows up in the tail.
// text-like (default): vectors shaped like USE Lite embeddings (text-like-distribution.ts);
// random: uniformly random directions, the worst case.
import { existsSync } from 'node:fs';
import { type HnswSettings, type Quantization } from '../../libs/caching/src/semantic/hnsw-graph';
import { VectorPartition } from '../../libs/caching/src/semantic/vector-partition';
import { timeSync } from './latency-sampler';
import { benchFile, exactNearest, heldOutQueries, type HeldOutQueries, randomDirections, storedVectors } from './synthetic-vectors';
import { textLikeDistribution } from './text-like-distribution';

const D = 512;
const QUERIES = 2_000;
const WARM_UP = 200;
const PASSES = 3;
const HIT_RANGE = 0.85; // queries at least this similar to their target would be cache hits at the default threshold
const K = 8; // the semantic cache asks for 8 candidates
const GRID = ['f16:16:128:64', 'i8:16:128:64', 'f16:32:128:128', 'bf16:32:128:128/160/192'];

interface Setting {
  graph: Omit<HnswSettings, 'expansionSearch'>;
  expansionSearch: number[];
}

function parseSetting(text: string): Setting {
  const [quantization, connectivity, expansionAdd, searches] = text.split(':');
  if (!quantization || !['f32', 'bf16', 'f16', 'i8'].includes(quantization) || !connectivity || !expansionAdd || !searches) {
    throw new Error(`setting "${text}": expected quantization:connectivity:expansionAdd:expansionSearch[/...]`);
  }
  return {
    graph: { quantization: quantization as Quantization, connectivity: Number(connectivity), expansionAdd: Number(expansionAdd) },
    expansionSearch: searches.split('/').map(Number),
  };
}

/** A partition holding every stored vector in its graph, loaded from disk when built before. */
function loadedPartition(dataset: string, stored: Float32Array, hnsw: HnswSettings): { partition: VectorPartition; buildSeconds: number | null } {
  const entries = stored.length / D;
  const partition = new VectorPartition({ dimensions: D, ivfThreshold: 1, rebuildInterval: entries, hnsw });
  for (let i = 0; i < entries; i += 1) partition.add(i + 1, stored.subarray(i * D, (i + 1) * D));
  const snapshot = benchFile(`${dataset}-${entries}-${partition.graphSignature}.usearch`);
  const built = !existsSync(snapshot);
  const cpu = process.cpuUsage();
  partition.mergeNow(snapshot);
  const used = process.cpuUsage(cpu);
  return { partition, buildSeconds: built ? (used.user + used.system) / 1e6 : null };
}

/** Latency (see latency-sampler.ts), then recall@1 and the worst similarity error in one more pass. */
function measure(partition: VectorPartition, stored: Float32Array, queries: HeldOutQueries, truth: Int32Array) {
  const queryOf = (q: number) => queries.matrix.subarray(q * D, (q + 1) * D);
  const latency = timeSync(QUERIES, PASSES, WARM_UP, (q) => partition.search(queryOf(q), K));
  let recalled = 0;
  let hitRange = 0;
  let recalledInHitRange = 0;
  let worstError = 0;
  for (let q = 0; q < QUERIES; q += 1) {
    const query = queryOf(q);
    const top = partition.search(query, K)[0];
    const inHitRange = queries.similarities[q]! >= HIT_RANGE;
    if (inHitRange) hitRange += 1;
    if (top?.id !== truth[q]! + 1) continue;
    recalled += 1;
    if (inHitRange) recalledInHitRange += 1;
    const vector = stored.subarray(truth[q]! * D, (truth[q]! + 1) * D);
    let dot = 0;
    let norm = 0;
    for (let i = 0; i < D; i += 1) {
      dot += vector[i]! * query[i]!;
      norm += query[i]! * query[i]!;
    }
    worstError = Math.max(worstError, Math.abs(top.similarity - dot / Math.sqrt(norm)));
  }
  return { ...latency, recall: recalled / QUERIES, recallInHitRange: recalledInHitRange / hitRange, worstError };
}

async function main(): Promise<void> {
  const dataset = process.argv[2] ?? 'text-like';
  const entries = Number(process.argv[3] ?? 100_000);
  const settings = (process.argv.length > 4 ? process.argv.slice(4) : GRID).map(parseSetting);
  const distribution = dataset === 'random' ? randomDirections(D) : await textLikeDistribution(D);
  if ('calibration' in distribution) console.log(`text-like vectors ${String(distribution.calibration)}`);
  const stored = storedVectors(entries, distribution);
  const queries = heldOutQueries(stored, distribution, QUERIES);
  const truth = exactNearest(`${distribution.name}-${entries}-queries${QUERIES}`, stored, queries.matrix, D);
  const targetIsNearest = truth.filter((row, q) => row === queries.targets[q]).length / QUERIES;
  console.log(
    `${entries.toLocaleString()} ${distribution.name} vectors; ${QUERIES} held-out queries at cosine 0.80-0.95 to a stored vector ` +
      `(that vector is the exact nearest for ${(targetIsNearest * 100).toFixed(1)}%); k=${K}; wall times after ${WARM_UP} warm-up queries`,
  );
  console.log('                               first pass        best of 3         CPU');
  console.log('quantization  M   ef_add  ef_s  p50 ms   p99 ms   p50 ms   p99 ms   p99 ms   recall@1  >=0.85  sim error  build');
  for (const setting of settings) {
    for (const expansionSearch of setting.expansionSearch) {
      const { partition, buildSeconds } = loadedPartition(distribution.name, stored, { ...setting.graph, expansionSearch });
      const r = measure(partition, stored, queries, truth);
      const { quantization, connectivity, expansionAdd } = setting.graph;
      console.log(
        `${quantization.padEnd(12)}  ${String(connectivity).padEnd(2)}  ${String(expansionAdd).padEnd(6)}  ${String(expansionSearch).padEnd(4)}  ` +
          [r.p50, r.p99, r.bestP50, r.bestP99, r.cpuP99].map((ms) => ms.toFixed(3).padEnd(7)).join('  ') +
          `  ${r.recall.toFixed(4).padEnd(8)}  ${r.recallInHitRange.toFixed(4)}  ${r.worstError.toFixed(4).padEnd(9)}  ${buildSeconds === null ? 'loaded from disk' : `built: ${buildSeconds.toFixed(0)} s CPU`}`,
      );
    }
  }
}

void main();
