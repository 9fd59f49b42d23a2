import { exactSearch, Index, MetricKind, ScalarKind } from 'usearch';

export interface VectorMatch {
  id: number;
  similarity: number;
}

export interface VectorPartitionOptions {
  dimensions: number;
  /** At this many vectors the partition moves from exact search to an HNSW graph. */
  ivfThreshold: number;
  /** Vectors added since the last merge that are searched exactly, then merged into the graph. */
  rebuildInterval: number;
}

/** HNSW settings: recall@1 is near 1 for clustered text embeddings at these values (bench/caching). */
const HNSW = { connectivity: 16, expansion_add: 128, expansion_search: 64 };

/**
 * The vectors of one tenant's compatible requests. Below `ivfThreshold` a flat matrix searched
 * exactly (usearch's SIMD scan); above, an HNSW graph plus a small exact "pending" tail of recent
 * adds, merged into the graph every `rebuildInterval` adds so no add waits for a rebuild.
 */
export class VectorPartition {
  private matrix: Float32Array;
  private ids: number[] = [];
  private graph: Index | null = null;
  private graphIds = new Set<number>();
  private removed = new Set<number>();

  constructor(private readonly options: VectorPartitionOptions) {
    this.matrix = new Float32Array(options.dimensions * 16);
  }

  get size(): number {
    return this.ids.length - this.removed.size + this.graphIds.size;
  }

  get kind(): 'exact' | 'hnsw' {
    return this.graph ? 'hnsw' : 'exact';
  }

  /** Bytes held by vectors and graph links (an estimate: usearch does not report its memory). */
  get memoryBytes(): number {
    const perGraphNode = this.options.dimensions * 4 + HNSW.connectivity * 2 * 4 + 64;
    return this.matrix.byteLength + (this.graph ? this.graph.size() * perGraphNode : 0);
  }

  add(id: number, vector: Float32Array): void {
    if (vector.length !== this.options.dimensions) throw new Error(`vector has ${vector.length} dimensions, partition ${this.options.dimensions}`);
    const row = this.ids.length;
    if ((row + 1) * this.options.dimensions > this.matrix.length) {
      const grown = new Float32Array(this.matrix.length * 2);
      grown.set(this.matrix);
      this.matrix = grown;
    }
    this.matrix.set(vector, row * this.options.dimensions);
    this.ids.push(id);
    if (this.graph ? this.ids.length >= this.options.rebuildInterval : this.size >= this.options.ivfThreshold) this.mergeIntoGraph();
  }

  remove(id: number): void {
    if (this.graphIds.delete(id)) {
      this.graph?.remove(BigInt(id));
      return;
    }
    if (this.ids.includes(id)) this.removed.add(id);
    if (this.removed.size > 64 && this.removed.size * 4 > this.ids.length) this.compact();
  }

  search(query: Float32Array, k: number): VectorMatch[] {
    const matches: VectorMatch[] = [];
    const rows = this.ids.length;
    if (rows > 0) {
      const found = exactSearch(this.matrix.subarray(0, rows * this.options.dimensions), query, this.options.dimensions, Math.min(rows, k + this.removed.size), MetricKind.Cos, 1);
      for (let i = 0; i < found.keys.length; i += 1) {
        const id = this.ids[Number(found.keys[i])];
        if (id !== undefined && !this.removed.has(id)) matches.push({ id, similarity: 1 - found.distances[i]! });
      }
    }
    if (this.graph && this.graph.size() > 0) {
      const found = this.graph.search(query, Math.min(k, this.graph.size()), 1);
      for (let i = 0; i < found.keys.length; i += 1) matches.push({ id: Number(found.keys[i]), similarity: 1 - found.distances[i]! });
    }
    return matches.sort((a, b) => b.similarity - a.similarity).slice(0, k);
  }

  /** Moves the exact rows into the HNSW graph (created on first use). */
  private mergeIntoGraph(): void {
    this.compact();
    const rows = this.ids.length;
    if (rows === 0) return;
    this.graph ??= new Index({
      dimensions: this.options.dimensions,
      metric: MetricKind.Cos,
      quantization: ScalarKind.F32,
      multi: false,
      ...HNSW,
    });
    const keys = BigUint64Array.from(this.ids, (id) => BigInt(id));
    this.graph.add(keys, this.matrix.subarray(0, rows * this.options.dimensions));
    for (const id of this.ids) this.graphIds.add(id);
    this.ids = [];
    this.matrix = new Float32Array(this.options.dimensions * 16);
  }

  private compact(): void {
    if (this.removed.size === 0) return;
    const d = this.options.dimensions;
    let write = 0;
    const kept: number[] = [];
    this.ids.forEach((id, read) => {
      if (this.removed.has(id)) return;
      if (read !== write) this.matrix.copyWithin(write * d, read * d, (read + 1) * d);
      kept.push(id);
      write += 1;
    });
    this.ids = kept;
    this.removed.clear();
  }
}
