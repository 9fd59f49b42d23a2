import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Request logs. The request id is the key, so a re-delivered batch adds nothing. Indexes follow
 * the admin queries (newest first, by key, by model) and the retention delete (by time).
 */
export class CreateRequestLogs1765000000001 implements MigrationInterface {
  name = 'CreateRequestLogs1765000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE request_logs (
        request_id varchar(64) PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        api_key_id uuid NULL,
        team_id uuid NULL,
        endpoint varchar(64) NOT NULL,
        provider varchar(64) NULL,
        model varchar(200) NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('success', 'error')),
        http_status int NOT NULL,
        error_type varchar(64) NULL,
        error_message text NULL,
        stream boolean NOT NULL,
        latency_ms int NULL,
        request_payload jsonb NOT NULL,
        response_payload jsonb NULL,
        truncated boolean NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX idx_request_logs_time ON request_logs (occurred_at DESC, request_id DESC)`);
    await queryRunner.query(`CREATE INDEX idx_request_logs_key_time ON request_logs (api_key_id, occurred_at DESC)`);
    await queryRunner.query(`CREATE INDEX idx_request_logs_model_time ON request_logs (model, occurred_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS request_logs`);
  }
}
