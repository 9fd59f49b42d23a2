/**
 * One semantic-cache vector: where it belongs (tenant, partition), which exact entry holds its
 * answer (`key`), the prompt (for the lexical guard) and when it stops mattering.
 */
export interface VectorRecord {
  tenant: string;
  partition: string;
  key: string;
  prompt: string;
  vector: Float32Array;
  expiresAt: number;
}

/**
 * The durable, shared list of vectors: every replica replays it on boot and then follows new
 * appends, so all replicas converge and a restart loses nothing. Redis stream when distributed,
 * memory when standalone; both pass `describeVectorLogContract`.
 */
export interface VectorLog {
  append(record: VectorRecord): Promise<void>;
  /**
   * Replays every record (expired ones skipped), resolves once caught up, then keeps delivering
   * new appends (this replica's own included) until the returned stop function is called.
   */
  follow(onRecord: (record: VectorRecord) => void): Promise<() => Promise<void>>;
}
