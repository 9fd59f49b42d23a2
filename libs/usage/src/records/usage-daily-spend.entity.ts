import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The daily roll-up the worker keeps in the same statement as each batch insert, counting only
 * rows actually inserted. One row per UTC day, key, team, provider and model; key, team and
 * provider may be null (the unique index is NULLS NOT DISTINCT). Sums are `bigint`: strings here.
 * The primary columns are for TypeORM's metadata only; the table's identity is that unique index.
 */
@Entity({ name: 'usage_daily_spend' })
export class UsageDailySpendEntity {
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @Column({ name: 'api_key_id', type: 'uuid', nullable: true })
  apiKeyId!: string | null;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId!: string | null;

  @Column({ type: 'text', nullable: true })
  provider!: string | null;

  @PrimaryColumn({ type: 'text' })
  model!: string;

  @Column({ type: 'bigint' })
  requests!: string;

  @Column({ type: 'bigint' })
  errors!: string;

  @Column({ name: 'prompt_tokens', type: 'bigint' })
  promptTokens!: string;

  @Column({ name: 'completion_tokens', type: 'bigint' })
  completionTokens!: string;

  @Column({ name: 'cost_nano_usd', type: 'bigint' })
  costNanoUsd!: string;

  @Column({ name: 'saved_cost_nano_usd', type: 'bigint' })
  savedCostNanoUsd!: string;

  @Column({ name: 'cache_hits', type: 'bigint' })
  cacheHits!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
