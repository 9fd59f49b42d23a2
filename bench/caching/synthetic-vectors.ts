// Synthetic vectors for the semantic-cache benchmarks, the same on every run (seeded), and the
// files that let a rerun skip the slow parts (graph builds, exact ground truth).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exactSearch, MetricKind } from 'usearch';

/** Where built graphs and ground truths are kept between runs; BENCH_CACHE_DIR overrides it. */
export const BENCH_CACHE_DIR = process.env.BENCH_CACHE_DIR ?? path.join(tmpdir(), 'llmgw-bench-cache');

export function benchFile(name: string): string {
  mkdirSync(BENCH_CACHE_DIR, { recursive: true });
  return path.join(BENCH_CACHE_DIR, name);
}

/** Where synthetic vectors come from: stored vectors and the directions paraphrases move in. */
export interface VectorDistribution {
  /** Part of every file name derived from these vectors. */
  name: string;
  dimensions: number;
  /** A unit vector, the same for the same seed. */
  sample(seed: number, into: Float32Array): void;
  /** A direction a paraphrase may move in (not normalised, mean not added). */
  direction(seed: number, into: Float32Array): void;
}

function lcg(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => (state = (state * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32;
}

export function normalise(vector: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i += 1) norm += vector[i]! * vector[i]!;
  norm = Math.sqrt(norm);
  for (let i = 0; i < vector.length; i += 1) vector[i] = vector[i]! / norm;
  return vector;
}

/** Standard normal values from a seeded generator (Box-Muller). */
export function gaussians(seed: number, into: Float64Array | Float32Array): void {
  const next = lcg(seed);
  for (let i = 0; i < into.length; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    into[i] = radius * Math.cos(angle);
    if (i + 1 < into.length) into[i + 1] = radius * Math.sin(angle);
  }
}

/** Uniformly random directions: no structure for the graph to exploit (the hardest case for HNSW). */
export function randomDirections(dimensions: number): VectorDistribution {
  const uniform = (seed: number, into: Float32Array) => {
    const next = lcg(seed);
    for (let i = 0; i < dimensions; i += 1) into[i] = next() - 0.5;
  };
  return {
    name: `random-d${dimensions}`,
    dimensions,
    sample: (seed, into) => normalise((uniform(seed, into), into)),
    direction: uniform,
  };
}

/** `count` stored vectors as one row-major matrix; row i is sample(i + 1). Kept on disk: sampling can take seconds. */
export function storedVectors(count: number, distribution: VectorDistribution): Float32Array {
  const file = benchFile(`${distribution.name}-${count}.f32`);
  if (existsSync(file)) {
    const bytes = readFileSync(file);
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }
  const d = distribution.dimensions;
  const matrix = new Float32Array(count * d);
  for (let i = 0; i < count; i += 1) distribution.sample(i + 1, matrix.subarray(i * d, (i + 1) * d));
  writeFileSync(file, matrix);
  return matrix;
}

export interface HeldOutQueries {
  /** Row-major, one query per row; none of them is a stored vector. */
  matrix: Float32Array;
  /** Row of the stored vector each query was made from. */
  targets: Int32Array;
  /** Cosine similarity of each query to its target, in [0.80, 0.95]: the range where cache hits are decided. */
  similarities: Float32Array;
}

/**
 * Paraphrase-like queries: a stored vector turned by an exact angle towards one of the
 * distribution's directions, so the query sits at a known similarity to it (0.80-0.95) and is not
 * itself in the index.
 */
export function heldOutQueries(stored: Float32Array, distribution: VectorDistribution, count: number): HeldOutQueries {
  const dimensions = distribution.dimensions;
  const rows = stored.length / dimensions;
  const matrix = new Float32Array(count * dimensions);
  const targets = new Int32Array(count);
  const similarities = new Float32Array(count);
  const noise = new Float32Array(dimensions);
  for (let q = 0; q < count; q += 1) {
    const target = (q * 7_919 + 13) % rows;
    const base = stored.subarray(target * dimensions, (target + 1) * dimensions);
    distribution.direction(1_000_003 + q, noise);
    let along = 0;
    for (let i = 0; i < dimensions; i += 1) along += noise[i]! * base[i]!;
    let norm = 0;
    for (let i = 0; i < dimensions; i += 1) {
      noise[i] = noise[i]! - along * base[i]!;
      norm += noise[i]! * noise[i]!;
    }
    const similarity = 0.8 + (0.15 * q) / count;
    const across = Math.sqrt(1 - similarity * similarity) / Math.sqrt(norm);
    for (let i = 0; i < dimensions; i += 1) matrix[q * dimensions + i] = similarity * base[i]! + across * noise[i]!;
    targets[q] = target;
    similarities[q] = similarity;
  }
  return { matrix, targets, similarities };
}

/** The true nearest stored row of every query (exact search on all cores), kept on disk by `name`. */
export function exactNearest(name: string, stored: Float32Array, queries: Float32Array, dimensions: number): Int32Array {
  const file = benchFile(`${name}.truth.json`);
  if (existsSync(file)) return Int32Array.from(JSON.parse(readFileSync(file, 'utf8')) as number[]);
  const found = exactSearch(stored, queries, dimensions, 1, MetricKind.Cos, 0);
  const nearest = Int32Array.from(found.keys, (key) => Number(key));
  writeFileSync(file, JSON.stringify([...nearest]));
  return nearest;
}

export const percentile = (sorted: ArrayLike<number>, p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
