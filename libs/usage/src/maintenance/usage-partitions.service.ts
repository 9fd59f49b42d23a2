import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

// Any constant: every process that changes usage partitions takes this lock first.
const PARTITION_LOCK_ID = 4_242_005;
const PARTITION_NAME = /^usage_records_p(\d{4})_(\d{2})$/;
const DAY_MS = 86_400_000;

const monthStart = (year: number, monthIndex: number) => new Date(Date.UTC(year, monthIndex, 1));
const partitionName = (start: Date) => `usage_records_p${start.getUTCFullYear()}_${String(start.getUTCMonth() + 1).padStart(2, '0')}`;

/**
 * Upkeep of the monthly `usage_records` partitions: created ahead of time, dropped whole once
 * older than the retention (daily roll-ups are kept). Both run under one advisory lock, so any
 * number of workers may run them at once.
 */
@Injectable()
export class UsagePartitionsService {
  private readonly logger = new Logger(UsagePartitionsService.name);

  constructor(private readonly dataSource: DataSource) {}

  /** Makes sure the month of `now` and the `monthsAhead` following ones have partitions. */
  async ensureAhead(now: Date, monthsAhead: number): Promise<string[]> {
    const created: string[] = [];
    for (let offset = 0; offset <= monthsAhead; offset += 1) {
      const start = monthStart(now.getUTCFullYear(), now.getUTCMonth() + offset);
      if (await this.ensureMonth(start)) created.push(partitionName(start));
    }
    if (created.length > 0) this.logger.log(`created usage partitions ${created.join(', ')}`);
    return created;
  }

  /** Creates the partition of the month starting at `start`; false when it already existed. */
  async ensureMonth(start: Date): Promise<boolean> {
    const end = monthStart(start.getUTCFullYear(), start.getUTCMonth() + 1);
    const name = partitionName(start);
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_LOCK_ID]);
      if (await this.exists(manager, name)) return false;
      const bounds = `FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`;
      const [stray] = await manager.query('SELECT 1 FROM usage_records_default WHERE occurred_at >= $1 AND occurred_at < $2 LIMIT 1', [start, end]);
      if (!stray) {
        await manager.query(`CREATE TABLE ${name} PARTITION OF usage_records FOR VALUES ${bounds}`);
        return true;
      }
      // Rows of this month already sit in the default partition: Postgres refuses the new
      // partition until they move, so detach the default, create, move them, re-attach.
      await manager.query('ALTER TABLE usage_records DETACH PARTITION usage_records_default');
      await manager.query(`CREATE TABLE ${name} PARTITION OF usage_records FOR VALUES ${bounds}`);
      await manager.query(
        `WITH moved AS (DELETE FROM usage_records_default WHERE occurred_at >= $1 AND occurred_at < $2 RETURNING *)
         INSERT INTO usage_records SELECT * FROM moved`,
        [start, end],
      );
      await manager.query('ALTER TABLE usage_records ATTACH PARTITION usage_records_default DEFAULT');
      return true;
    });
  }

  /**
   * Drops every monthly partition that ends on or before `now - retentionDays`, with the request
   * ids of its rows (the dedup window is the retention). The default partition is left alone.
   */
  async dropExpired(now: Date, retentionDays: number): Promise<string[]> {
    const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
    const dropped = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_LOCK_ID]);
      const names: string[] = [];
      for (const { name } of await this.partitions(manager)) {
        const match = PARTITION_NAME.exec(name);
        if (!match) continue;
        const start = monthStart(Number(match[1]), Number(match[2]) - 1);
        const end = monthStart(start.getUTCFullYear(), start.getUTCMonth() + 1);
        if (end.getTime() > cutoff.getTime()) continue;
        await manager.query(`DROP TABLE ${name}`);
        await manager.query('DELETE FROM usage_request_ids WHERE occurred_at >= $1 AND occurred_at < $2', [start, end]);
        names.push(name);
      }
      return names;
    });
    if (dropped.length > 0) this.logger.log(`retention: dropped usage partitions ${dropped.join(', ')}`);
    return dropped;
  }

  private async exists(manager: EntityManager, name: string): Promise<boolean> {
    return (await this.partitions(manager)).some((partition) => partition.name === name);
  }

  private partitions(manager: EntityManager): Promise<Array<{ name: string }>> {
    return manager.query(
      `SELECT child.relname AS name FROM pg_inherits
         JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
         JOIN pg_class child ON child.oid = pg_inherits.inhrelid
        WHERE parent.relname = 'usage_records' ORDER BY child.relname`,
    );
  }
}
