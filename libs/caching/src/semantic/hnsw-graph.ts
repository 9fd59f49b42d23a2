import { existsSync } from 'node:fs';
import { Index, MetricKind, ScalarKind } from 'usearch';

export type Quantization = 'f32' | 'bf16' | 'f16' | 'i8';

export interface HnswSettings {
  /** Links per node (M). */
  connectivity: number;
  /** Candidate list while inserting: graph quality against build time. */
  expansionAdd: number;
  /** Candidate list while searching (at least k): recall against search time. */
  expansionSearch: number;
  /** How the graph stores vectors. */
  quantization: Quantization;
}

/**
 * Measured with bench/caching/hnsw-tuning.bench.ts: 100K vectors shaped like USE Lite
 * embeddings, 2,000 held-out queries at cosine 0.80-0.95 to a stored vector, recall@1 against
 * exact search, one core. Here: p99 1.3 ms, recall@1 0.999 on the queries at or above the
 * default threshold (0.987 on all). The old M=16, ef=64 found 0.966 of those; M=48 was no better
 * than 32. bf16 searched 25-45% faster than f16 (native bf16 dot products on current x86 and ARM)
 * with similarities within 0.0002, at half f32's memory; i8 is faster again, but its
 * similarities were off by up to 0.015, enough to flip a hit at the threshold.
 */
export const DEFAULT_HNSW: HnswSettings = { connectivity: 32, expansionAdd: 128, expansionSearch: 160, quantization: 'bf16' };

const SCALAR = { f32: ScalarKind.F32, bf16: ScalarKind.BF16, f16: ScalarKind.F16, i8: ScalarKind.I8 } as const;
const BYTES = { f32: 4, bf16: 2, f16: 2, i8: 1 } as const;

export function newGraph(dimensions: number, settings: HnswSettings): Index {
  return new Index({
    dimensions,
    metric: MetricKind.Cos,
    quantization: SCALAR[settings.quantization],
    connectivity: settings.connectivity,
    expansion_add: settings.expansionAdd,
    expansion_search: settings.expansionSearch,
    multi: false,
  });
}

/** Bytes one node holds: its vector and its base-layer links (an estimate: usearch does not report memory). */
export function bytesPerGraphNode(dimensions: number, settings: HnswSettings): number {
  return dimensions * BYTES[settings.quantization] + settings.connectivity * 2 * 4 + 64;
}

/**
 * What a saved graph depends on besides its vectors, for naming snapshot files. expansionSearch
 * is left out: it is a search-time setting, not stored in the file.
 */
export function graphSignature(dimensions: number, settings: HnswSettings): string {
  return `d${dimensions}-${settings.quantization}-m${settings.connectivity}-efa${settings.expansionAdd}`;
}

/**
 * A graph saved earlier with `graph.save(path)`, or null when the file is missing or does not
 * hold exactly `ids`. The caller owns the guarantee that the ids still mean the same vectors
 * (the file name should say which vectors they are).
 */
export function loadGraph(path: string, dimensions: number, settings: HnswSettings, ids: BigUint64Array): Index | null {
  if (!existsSync(path)) return null;
  const graph = newGraph(dimensions, settings);
  try {
    graph.load(path);
  } catch {
    return null;
  }
  if (graph.size() !== ids.length || graph.dimensions() !== dimensions || graph.connectivity() !== settings.connectivity) return null;
  const present = graph.contains(ids);
  return Array.isArray(present) && present.every(Boolean) ? graph : null;
}
