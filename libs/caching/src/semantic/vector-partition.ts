import { exactSearch, type Index, MetricKind } from 'usearch';
import { bytesPerGraphNode, DEFAULT_HNSW, graphSignature, type HnswSettings, loadGraph, newGraph } from './hnsw-graph';

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
  /** Longest a merge may hold the event loop before yielding (default 4 ms). */
  mergeSliceMs?: number;
  /** Graph settings; unset ones come from DEFAULT_HNSW (measured in bench/caching/hnsw-tuning.bench.ts). */
  hnsw?: Partial<HnswSettings>;
}

const DEFAULT_SLICE_MS = 4;

/**
 * The vectors of one tenant's compatible requests. Below `ivfThreshold` a flat matrix searched
 * exactly (usearch's SIMD scan); above, an HNSW graph plus an exact "pending" tail of recent
 * adds. Moving the tail into the graph is incremental: a few vectors per event-loop turn, each
 * turn at most `mergeSliceMs` (an HNSW insert is ~0.3-5 ms here, so a 10K build done in one go
 * blocked the loop for seconds). Until a vector is in the graph the exact scan still finds it.
 */
export class VectorPartition {
  private matrix: Float32Array;
  private ids: number[] = [];
  /** Rows [0, merged) of the matrix are already in the graph; exact search starts after them. */
  private merged = 0;
  private graph: Index | null = null;
  private graphIds = new Set<number>();
  private removed = new Set<number>();
  private scheduled: NodeJS.Timeout | null = null;
  private waiters: Array<() => void> = [];
  private longestSlice = 0;
  private readonly hnsw: HnswSettings;

  constructor(private readonly options: VectorPartitionOptions) {
    this.matrix = new Float32Array(options.dimensions * 16);
    this.hnsw = { ...DEFAULT_HNSW, ...options.hnsw };
  }

  get size(): number {
    return this.ids.length - this.merged - this.removed.size + this.graphIds.size;
  }

  get kind(): 'exact' | 'hnsw' {
    return this.graph ? 'hnsw' : 'exact';
  }

  /** Vectors waiting in the exact tail. */
  get pending(): number {
    return this.ids.length - this.merged - this.removed.size;
  }

  /** Longest single merge slice so far (how long a merge held the event loop), ms. */
  get longestMergeSliceMs(): number {
    return this.longestSlice;
  }

  /** Bytes held by vectors and graph links (an estimate: usearch does not report its memory). */
  get memoryBytes(): number {
    return this.matrix.byteLength + (this.graph ? this.graph.size() * bytesPerGraphNode(this.options.dimensions, this.hnsw) : 0);
  }

  /** Names what a saved graph of this partition depends on, besides its vectors (for snapshot file names). */
  get graphSignature(): string {
    return graphSignature(this.options.dimensions, this.hnsw);
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
    if (this.graph ? this.pending >= this.options.rebuildInterval : this.size >= this.options.ivfThreshold) this.scheduleMerge();
  }

  remove(id: number): void {
    if (this.graphIds.delete(id)) {
      this.graph?.remove(BigInt(id));
      return;
    }
    if (this.ids.indexOf(id, this.merged) !== -1) this.removed.add(id);
    if (this.removed.size > 64 && this.removed.size * 4 > this.ids.length - this.merged) this.compact();
  }

  search(query: Float32Array, k: number): VectorMatch[] {
    const matches: VectorMatch[] = [];
    const d = this.options.dimensions;
    if (this.merged !== 0) this.compact(); // not expected: merges compact before yielding
    const rows = this.ids.length;
    if (rows > 0) {
      // usearch's exactSearch reads both arrays from the start of their buffers (it ignores
      // byteOffset): the tail must start the matrix (merged is 0 between merge slices), and a
      // query that is a view into a larger array is copied.
      const tail = this.matrix.subarray(0, rows * d);
      const own = query.byteOffset === 0 ? query : query.slice();
      const found = exactSearch(tail, own, d, Math.min(rows, k + this.removed.size), MetricKind.Cos, 1);
      for (let i = 0; i < found.keys.length; i += 1) {
        const id = this.ids[Number(found.keys[i])];
        if (id !== undefined && !this.removed.has(id)) matches.push({ id, similarity: 1 - found.distances[i]! });
      }
    }
    const fromTail = matches.length;
    if (this.graph && this.graph.size() > 0) {
      // One thread: the search runs inline on the calling thread, no pool is started.
      const found = this.graph.search(query, Math.min(k, this.graph.size()), 1);
      for (let i = 0; i < found.keys.length; i += 1) matches.push({ id: Number(found.keys[i]), similarity: 1 - found.distances[i]! });
    }
    // Each source comes back best first: only a mix of both needs sorting (in place, no copies).
    if (fromTail > 0 && matches.length > fromTail) matches.sort((a, b) => b.similarity - a.similarity);
    if (matches.length > k) matches.length = k;
    return matches;
  }

  /** Resolves once no merge is scheduled (tests, benchmarks, graceful shutdown). */
  whenMerged(): Promise<void> {
    if (this.scheduled === null) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Merges everything pending now in one batch on all cores, blocking the event loop: for bulk
   * loads and benchmarks, never on the request path. With `snapshotPath`, a partition that has
   * no graph yet loads the graph saved there if it holds exactly these ids, and otherwise builds
   * it and saves it there. The path must name the vectors as well (see `graphSignature`).
   */
  mergeNow(snapshotPath?: string): void {
    if (this.scheduled !== null) clearTimeout(this.scheduled);
    this.scheduled = null;
    this.compact();
    const rows = this.ids.length;
    if (rows > 0) {
      const keys = BigUint64Array.from(this.ids, (id) => BigInt(id));
      const saved = this.graph === null && snapshotPath !== undefined ? loadGraph(snapshotPath, this.options.dimensions, this.hnsw, keys) : null;
      if (saved) this.graph = saved;
      else {
        this.graph ??= this.newGraph();
        this.graph.add(keys, this.matrix.subarray(0, rows * this.options.dimensions), 0);
        if (snapshotPath !== undefined && this.graph.size() === rows) this.saveSnapshot(snapshotPath);
      }
      for (const id of this.ids) this.graphIds.add(id);
      this.merged = rows;
    }
    this.settle();
  }

  /** A snapshot only saves the next bulk load a rebuild: failing to write one is not an error. */
  private saveSnapshot(path: string): void {
    try {
      this.graph?.save(path);
    } catch {
      // Unwritable path or full disk: the next mergeNow builds the graph again.
    }
  }

  private newGraph(): Index {
    return newGraph(this.options.dimensions, this.hnsw);
  }

  private scheduleMerge(): void {
    if (this.scheduled !== null) return;
    // A pending merge must not keep a process alive that has nothing else to do, hence unref. An
    // unref'd setImmediate would not do: Node only skips the poll wait for ref'd immediates, so on
    // an idle server each slice waited for the next I/O or timer. Unref'd timers still wake it.
    this.scheduled = setTimeout(() => this.runSlice(), 0);
    this.scheduled.unref();
  }

  private runSlice(): void {
    this.scheduled = null;
    this.mergeSlice(this.options.mergeSliceMs ?? DEFAULT_SLICE_MS);
    if (this.pending > 0) {
      // Searches between slices scan the tail from the matrix's first row (see search).
      this.compact();
      this.scheduleMerge();
    } else this.settle();
  }

  /** Inserts pending rows into the graph, one at a time, until the time budget is spent. */
  private mergeSlice(budgetMs: number): void {
    const started = performance.now();
    const d = this.options.dimensions;
    this.graph ??= this.newGraph();
    while (this.merged < this.ids.length) {
      const row = this.merged;
      const id = this.ids[row]!;
      this.merged += 1;
      if (this.removed.delete(id)) continue;
      this.graph.add(BigInt(id), this.matrix.subarray(row * d, (row + 1) * d), 1);
      this.graphIds.add(id);
      if (performance.now() - started >= budgetMs) break;
    }
    this.longestSlice = Math.max(this.longestSlice, performance.now() - started);
  }

  /** Drops the merged prefix of the matrix and wakes whoever waits for the merge. */
  private settle(): void {
    this.compact();
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Moves the unmerged, unremoved rows to the front of the matrix (shrinking it when mostly empty). */
  private compact(): void {
    if (this.merged === 0 && this.removed.size === 0) return;
    const d = this.options.dimensions;
    const kept: number[] = [];
    let write = 0;
    for (let read = this.merged; read < this.ids.length; read += 1) {
      const id = this.ids[read]!;
      if (this.removed.has(id)) continue;
      if (read !== write) this.matrix.copyWithin(write * d, read * d, (read + 1) * d);
      kept.push(id);
      write += 1;
    }
    if (this.matrix.length > d * 64 && kept.length * d * 4 < this.matrix.length) this.matrix = this.matrix.slice(0, Math.max(16, kept.length * 2) * d);
    this.ids = kept;
    this.merged = 0;
    this.removed.clear();
  }
}
