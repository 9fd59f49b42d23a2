import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const DAY_MS = 86_400_000;
/** Rows per DELETE: short statements, so retention never holds long locks on a busy table. */
const CHUNK = 5_000;

/** Deletes request logs older than LOG_RETENTION_DAYS. */
@Injectable()
export class RequestLogRetention {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns the number of rows deleted. */
  async deleteExpired(now: Date, retentionDays: number): Promise<number> {
    const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
    let total = 0;
    for (;;) {
      const result: [unknown[], number] = await this.dataSource.query(
        `DELETE FROM request_logs WHERE request_id IN (SELECT request_id FROM request_logs WHERE occurred_at < $1 LIMIT ${CHUNK})`,
        [cutoff.toISOString()],
      );
      total += result[1];
      if (result[1] < CHUNK) return total;
    }
  }
}
