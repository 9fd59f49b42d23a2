import { Injectable } from '@nestjs/common';
import type { RequestLogBatch } from '@llmgw/contracts';
import { DataSource } from 'typeorm';

// One statement per batch; columns travel as one array each, so any batch fits the parameter limit.
const INSERT_SQL = `
  INSERT INTO request_logs (request_id, occurred_at, api_key_id, team_id, endpoint, provider, model, status, http_status,
                            error_type, error_message, stream, latency_ms, request_payload, response_payload, truncated)
  SELECT r.request_id, r.occurred_at, r.api_key_id, r.team_id, r.endpoint, r.provider, r.model, r.status, r.http_status,
         r.error_type, r.error_message, r.stream, r.latency_ms, r.request_payload::jsonb, r.response_payload::jsonb, r.truncated
    FROM unnest($1::varchar[], $2::timestamptz[], $3::uuid[], $4::uuid[], $5::varchar[], $6::varchar[], $7::varchar[], $8::varchar[],
                $9::int[], $10::varchar[], $11::text[], $12::boolean[], $13::int[], $14::text[], $15::text[], $16::boolean[])
      AS r(request_id, occurred_at, api_key_id, team_id, endpoint, provider, model, status, http_status,
           error_type, error_message, stream, latency_ms, request_payload, response_payload, truncated)
  ON CONFLICT (request_id) DO NOTHING
  RETURNING 1`;

/** The worker's side: stores a batch of (already masked) request logs, idempotently. */
@Injectable()
export class RequestLogWriter {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns how many rows were new (a re-delivered batch adds none). */
  async write(batch: RequestLogBatch): Promise<number> {
    const seen = new Set<string>();
    const logs = batch.logs.filter((log) => !seen.has(log.requestId) && seen.add(log.requestId));
    const rows: unknown[] = await this.dataSource.query(INSERT_SQL, [
      logs.map((log) => log.requestId),
      logs.map((log) => log.occurredAt),
      logs.map((log) => log.apiKeyId),
      logs.map((log) => log.teamId),
      logs.map((log) => log.endpoint),
      logs.map((log) => log.provider),
      logs.map((log) => log.model),
      logs.map((log) => log.status),
      logs.map((log) => log.httpStatus),
      logs.map((log) => log.errorType),
      logs.map((log) => log.errorMessage),
      logs.map((log) => log.stream),
      logs.map((log) => log.latencyMs),
      logs.map((log) => JSON.stringify(log.request)),
      logs.map((log) => (log.response === null ? null : JSON.stringify(log.response))),
      logs.map((log) => log.truncated),
    ]);
    return rows.length;
  }
}
