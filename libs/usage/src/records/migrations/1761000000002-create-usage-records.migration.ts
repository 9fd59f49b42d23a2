import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Hand-written so the schema is reviewed as SQL; `request_id` is unique for idempotent inserts. */
export class CreateUsageRecords1761000000002 implements MigrationInterface {
  name = 'CreateUsageRecords1761000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE usage_records (
        id bigserial PRIMARY KEY,
        request_id text NOT NULL,
        occurred_at timestamptz NOT NULL,
        api_key_id uuid NULL,
        team_id uuid NULL,
        endpoint text NOT NULL,
        provider text NULL,
        model text NOT NULL,
        status text NOT NULL,
        http_status int NOT NULL,
        error_type text NULL,
        prompt_tokens int NOT NULL,
        completion_tokens int NOT NULL,
        cost_nano_usd bigint NOT NULL,
        usage_source text NOT NULL,
        stream boolean NOT NULL,
        latency_ms int NOT NULL,
        time_to_first_token_ms int NULL,
        cache_result text NOT NULL,
        saved_cost_nano_usd bigint NOT NULL DEFAULT 0,
        fallback_count int NOT NULL DEFAULT 0,
        task_type text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_usage_records_request_id UNIQUE (request_id)
      )`);
    await queryRunner.query(`CREATE INDEX idx_usage_records_occurred_at ON usage_records (occurred_at)`);
    await queryRunner.query(
      `CREATE INDEX idx_usage_records_api_key_occurred_at ON usage_records (api_key_id, occurred_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_usage_records_provider_model_occurred_at ON usage_records (provider, model, occurred_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE usage_records`);
  }
}
