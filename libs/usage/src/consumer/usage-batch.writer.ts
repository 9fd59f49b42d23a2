import { Injectable } from '@nestjs/common';
import type { UsageBatch, UsageEvent } from '@llmgw/contracts';
import { DataSource } from 'typeorm';
import { INSERT_BATCH_SQL, toColumns } from './usage-batch.sql';

export interface UsageWriteResult {
  inserted: number;
  /** Events whose request id was already stored: a retried job or a re-sent batch. */
  duplicates: number;
}

/**
 * Stores a batch with ONE statement: request ids go into `usage_request_ids` first (`ON CONFLICT
 * DO NOTHING RETURNING`), and only the ids that were new reach `usage_records` and the daily
 * roll-up (`usage_daily_spend`). One statement is one transaction, so the rows and the roll-up
 * never disagree, and a job that runs twice adds nothing the second time. Columns travel as one
 * array each (`unnest`), so any batch size fits the 65535-parameter limit.
 */
@Injectable()
export class UsageBatchWriter {
  constructor(private readonly dataSource: DataSource) {}

  async write(batch: UsageBatch): Promise<UsageWriteResult> {
    const unique = firstOfEachRequestId(batch.events);
    const rows: Array<{ inserted: number }> = await this.dataSource.query(INSERT_BATCH_SQL, toColumns(unique));
    const inserted = rows[0]?.inserted ?? 0;
    return { inserted, duplicates: batch.events.length - inserted };
  }
}

/** Two events of one batch sharing a request id: the first wins (ON CONFLICT could not tell them apart). */
function firstOfEachRequestId(events: UsageEvent[]): UsageEvent[] {
  const seen = new Set<string>();
  return events.filter((event) => {
    if (seen.has(event.requestId)) return false;
    seen.add(event.requestId);
    return true;
  });
}
