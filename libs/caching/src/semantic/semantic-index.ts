import { VectorPartition, type VectorPartitionOptions } from './vector-partition';
import type { VectorRecord } from './vector-log';

export interface SemanticMatch {
  key: string;
  prompt: string;
  similarity: number;
}

interface Slot {
  key: string;
  prompt: string;
  expiresAt: number;
  partition: string;
}

export interface SemanticIndexStats {
  totalVectors: number;
  partitions: number;
  indexType: 'exact' | 'hnsw' | 'mixed' | 'empty';
  memoryBytes: number;
  searchLatencyMs: number;
  searches: number;
}

/**
 * Vectors by tenant, then by compatibility partition: a search names both and only ever sees
 * that one partition, so another tenant's (or an incompatible request's) vector cannot match.
 */
export class SemanticIndex {
  private readonly tenants = new Map<string, Map<string, VectorPartition>>();
  private readonly slots = new Map<number, Slot>();
  private readonly idsByEntry = new Map<string, number>();
  private nextId = 1;
  private searches = 0;
  private searchMsTotal = 0;

  constructor(private readonly options: Omit<VectorPartitionOptions, 'dimensions'>) {}

  /** Adds a record, replacing an older vector for the same tenant, partition and entry. */
  upsert(record: VectorRecord): void {
    if (!record.tenant || !record.partition || !record.key) return;
    const entry = `${record.tenant}|${record.partition}|${record.key}`;
    const previous = this.idsByEntry.get(entry);
    if (previous !== undefined) this.removeId(record.tenant, previous);
    let partitions = this.tenants.get(record.tenant);
    if (!partitions) this.tenants.set(record.tenant, (partitions = new Map()));
    let partition = partitions.get(record.partition);
    if (!partition) partitions.set(record.partition, (partition = new VectorPartition({ ...this.options, dimensions: record.vector.length })));
    const id = this.nextId++;
    partition.add(id, record.vector);
    this.slots.set(id, { key: record.key, prompt: record.prompt, expiresAt: record.expiresAt, partition: record.partition });
    this.idsByEntry.set(entry, id);
  }

  /** Nearest live vectors in one tenant's partition, best first. */
  search(tenant: string, partitionKey: string, query: Float32Array, k: number, now: number): SemanticMatch[] {
    const partition = this.tenants.get(tenant)?.get(partitionKey);
    if (!partition || partition.size === 0) return [];
    const started = performance.now();
    const found = partition.search(query, k);
    this.searches += 1;
    this.searchMsTotal += performance.now() - started;
    const matches: SemanticMatch[] = [];
    for (const { id, similarity } of found) {
      const slot = this.slots.get(id);
      if (!slot) continue;
      if (slot.expiresAt <= now) {
        this.removeId(tenant, id);
        continue;
      }
      matches.push({ key: slot.key, prompt: slot.prompt, similarity });
    }
    return matches;
  }

  /**
   * Merges every partition's pending vectors into its graph now, blocking (bulk loads and
   * benchmarks, never the request path). `snapshotPathOf` names a file per partition from which
   * a graph saved by an earlier identical load is reused (see VectorPartition.mergeNow).
   */
  mergeNow(snapshotPathOf?: (tenant: string, partitionKey: string, graphSignature: string) => string): void {
    for (const [tenant, byPartition] of this.tenants) {
      for (const [partitionKey, partition] of byPartition) {
        if (partition.size >= this.options.ivfThreshold) partition.mergeNow(snapshotPathOf?.(tenant, partitionKey, partition.graphSignature));
      }
    }
  }

  /** Drops an entry's vector (its answer is gone: invalidated, evicted or expired). */
  forget(tenant: string, partitionKey: string, key: string): void {
    const id = this.idsByEntry.get(`${tenant}|${partitionKey}|${key}`);
    if (id !== undefined) this.removeId(tenant, id);
  }

  stats(): SemanticIndexStats {
    let totalVectors = 0;
    let memoryBytes = 0;
    let partitions = 0;
    const kinds = new Set<'exact' | 'hnsw'>();
    for (const byPartition of this.tenants.values()) {
      for (const partition of byPartition.values()) {
        partitions += 1;
        totalVectors += partition.size;
        memoryBytes += partition.memoryBytes;
        kinds.add(partition.kind);
      }
    }
    const indexType = kinds.size === 0 ? 'empty' : kinds.size === 2 ? 'mixed' : [...kinds][0]!;
    return {
      totalVectors,
      partitions,
      indexType,
      memoryBytes,
      searches: this.searches,
      searchLatencyMs: this.searches === 0 ? 0 : this.searchMsTotal / this.searches,
    };
  }

  private removeId(tenant: string, id: number): void {
    const slot = this.slots.get(id);
    if (!slot) return;
    this.slots.delete(id);
    this.idsByEntry.delete(`${tenant}|${slot.partition}|${slot.key}`);
    const partitions = this.tenants.get(tenant);
    const partition = partitions?.get(slot.partition);
    partition?.remove(id);
    if (partitions && partition && partition.size === 0) {
      partitions.delete(slot.partition);
      if (partitions.size === 0) this.tenants.delete(tenant);
    }
  }
}
