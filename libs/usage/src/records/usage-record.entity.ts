import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One metered request. The table is partitioned by month on `occurred_at` (primary key
 * `(id, occurred_at)`); request-id uniqueness lives in `usage_request_ids`. `bigint` columns come back from pg as strings and stay strings here:
 * money is summed in SQL or with BigInt, never as JS floats. Keys and teams are plain ids
 * without foreign keys, because usage outlives the keys that produced it.
 */
@Entity({ name: 'usage_records' })
@Index('idx_usage_records_occurred_at', ['occurredAt'])
@Index('idx_usage_records_api_key_occurred_at', ['apiKeyId', 'occurredAt'])
@Index('idx_usage_records_provider_model_occurred_at', ['provider', 'model', 'occurredAt'])
export class UsageRecordEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'request_id', type: 'text' })
  requestId!: string;

  @PrimaryColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'api_key_id', type: 'uuid', nullable: true })
  apiKeyId!: string | null;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId!: string | null;

  @Column({ type: 'text' })
  endpoint!: string;

  @Column({ type: 'text', nullable: true })
  provider!: string | null;

  @Column({ type: 'text' })
  model!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'http_status', type: 'int' })
  httpStatus!: number;

  @Column({ name: 'error_type', type: 'text', nullable: true })
  errorType!: string | null;

  @Column({ name: 'prompt_tokens', type: 'int' })
  promptTokens!: number;

  @Column({ name: 'completion_tokens', type: 'int' })
  completionTokens!: number;

  @Column({ name: 'cost_nano_usd', type: 'bigint' })
  costNanoUsd!: string;

  @Column({ name: 'usage_source', type: 'text' })
  usageSource!: string;

  @Column({ type: 'boolean' })
  stream!: boolean;

  @Column({ name: 'latency_ms', type: 'int' })
  latencyMs!: number;

  @Column({ name: 'time_to_first_token_ms', type: 'int', nullable: true })
  timeToFirstTokenMs!: number | null;

  @Column({ name: 'cache_result', type: 'text' })
  cacheResult!: string;

  @Column({ name: 'saved_cost_nano_usd', type: 'bigint' })
  savedCostNanoUsd!: string;

  @Column({ name: 'fallback_count', type: 'int' })
  fallbackCount!: number;

  @Column({ name: 'task_type', type: 'text', nullable: true })
  taskType!: string | null;

  @Column({ name: 'guardrail_actions', type: 'text', array: true, default: () => "'{}'" })
  guardrailActions!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
