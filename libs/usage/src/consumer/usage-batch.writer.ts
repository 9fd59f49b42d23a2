import { Injectable } from '@nestjs/common';
import type { UsageBatch, UsageEvent } from '@llmgw/contracts';
import { DataSource, type EntityManager } from 'typeorm';

export interface UsageWriteResult {
  inserted: number;
  /** Events whose request id was already stored: a retried job or a re-sent batch. */
  duplicates: number;
}

// Column order of the insert; `toRow` must list values in the same order.
const COLUMNS = [
  'request_id', 'occurred_at', 'api_key_id', 'team_id', 'endpoint', 'provider', 'model', 'status',
  'http_status', 'error_type', 'prompt_tokens', 'completion_tokens', 'cost_nano_usd', 'usage_source',
  'stream', 'latency_ms', 'time_to_first_token_ms', 'cache_result', 'saved_cost_nano_usd',
  'fallback_count', 'task_type',
] as const;

/** Postgres caps one statement at 65535 bind parameters. */
const MAX_PARAMETERS = 65_535;
const ROWS_PER_STATEMENT = Math.floor(MAX_PARAMETERS / COLUMNS.length);

function toRow(event: UsageEvent): unknown[] {
  return [
    event.requestId, event.occurredAt, event.apiKeyId, event.teamId, event.endpoint, event.provider, event.model,
    event.status, event.httpStatus, event.errorType, event.promptTokens, event.completionTokens,
    // Safe integers, sent as decimal strings so bigint columns never see a float.
    String(event.costNanoUsd), event.usageSource, event.stream, event.latencyMs, event.timeToFirstTokenMs,
    event.cacheResult, String(event.savedCostNanoUsd), event.fallbackCount, event.taskType,
  ];
}

/**
 * Stores a batch with one multi-row `INSERT ... ON CONFLICT (request_id) DO NOTHING`, so a job
 * that runs twice never double counts. Batches too large for one statement are split, inside
 * one transaction.
 */
@Injectable()
export class UsageBatchWriter {
  constructor(private readonly dataSource: DataSource) {}

  async write(batch: UsageBatch): Promise<UsageWriteResult> {
    const chunks: UsageEvent[][] = [];
    for (let start = 0; start < batch.events.length; start += ROWS_PER_STATEMENT) {
      chunks.push(batch.events.slice(start, start + ROWS_PER_STATEMENT));
    }
    const inserted =
      chunks.length === 1
        ? await this.insert(this.dataSource.manager, chunks[0]!)
        : await this.dataSource.transaction(async (manager) => {
            let count = 0;
            for (const chunk of chunks) count += await this.insert(manager, chunk);
            return count;
          });
    return { inserted, duplicates: batch.events.length - inserted };
  }

  private async insert(manager: EntityManager, events: UsageEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const parameters: unknown[] = [];
    const tuples = events.map((event) => {
      const row = toRow(event);
      const placeholders = row.map((value) => `$${parameters.push(value)}`);
      return `(${placeholders.join(', ')})`;
    });
    const rows: unknown[] = await manager.query(
      `INSERT INTO usage_records (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}
       ON CONFLICT (request_id) DO NOTHING RETURNING id`,
      parameters,
    );
    return rows.length;
  }
}
