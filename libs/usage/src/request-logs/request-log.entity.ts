import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One logged request (LOG_PAYLOADS): who, what, how it ended, and its payloads as JSON, already
 * masked (PII, secrets) and truncated by the gateway. Deleted after LOG_RETENTION_DAYS.
 */
@Entity({ name: 'request_logs' })
export class RequestLogEntity {
  @PrimaryColumn({ name: 'request_id', type: 'varchar', length: 64 })
  requestId!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'api_key_id', type: 'uuid', nullable: true })
  apiKeyId!: string | null;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  endpoint!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  provider!: string | null;

  @Column({ type: 'varchar', length: 200 })
  model!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: 'success' | 'error';

  @Column({ name: 'http_status', type: 'int' })
  httpStatus!: number;

  @Column({ name: 'error_type', type: 'varchar', length: 64, nullable: true })
  errorType!: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ type: 'boolean' })
  stream!: boolean;

  @Column({ name: 'latency_ms', type: 'int', nullable: true })
  latencyMs!: number | null;

  @Column({ name: 'request_payload', type: 'jsonb' })
  requestPayload!: unknown;

  @Column({ name: 'response_payload', type: 'jsonb', nullable: true })
  responsePayload!: unknown;

  @Column({ type: 'boolean' })
  truncated!: boolean;
}
