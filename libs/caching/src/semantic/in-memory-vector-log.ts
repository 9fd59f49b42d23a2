import type { VectorLog, VectorRecord } from './vector-log';

/** Standalone mode: one process, so the log is a list and followers are callbacks. */
export class InMemoryVectorLog implements VectorLog {
  private records: VectorRecord[] = [];
  private readonly followers = new Set<(record: VectorRecord) => void>();

  constructor(private readonly options: { maxRecords: number; now?: () => number }) {}

  async append(record: VectorRecord): Promise<void> {
    this.records.push(record);
    if (this.records.length > this.options.maxRecords * 1.25) {
      const now = (this.options.now ?? Date.now)();
      this.records = this.records.filter((kept) => kept.expiresAt > now).slice(-this.options.maxRecords);
    }
    for (const follower of this.followers) follower(record);
  }

  async follow(onRecord: (record: VectorRecord) => void): Promise<() => Promise<void>> {
    const now = (this.options.now ?? Date.now)();
    for (const record of this.records) if (record.expiresAt > now) onRecord(record);
    this.followers.add(onRecord);
    return async () => {
      this.followers.delete(onRecord);
    };
  }
}
