import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What an admin can set on a key: expiry, allowed models, rate limits, routing and guardrail policy, scopes, metadata. */
export class ApiKeyPolicy1761000000003 implements MigrationInterface {
  name = 'ApiKeyPolicy1761000000003';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE api_keys
        ADD COLUMN expires_at timestamptz NULL,
        ADD COLUMN allowed_models text[] NULL,
        ADD COLUMN rpm_limit integer NULL CONSTRAINT api_keys_rpm_limit_positive CHECK (rpm_limit > 0),
        ADD COLUMN tpm_limit integer NULL CONSTRAINT api_keys_tpm_limit_positive CHECK (tpm_limit > 0),
        ADD COLUMN routing_strategy text NULL,
        ADD COLUMN guardrail_policy jsonb NULL,
        ADD COLUMN scopes text[] NOT NULL DEFAULT '{}',
        ADD COLUMN metadata jsonb NOT NULL DEFAULT '{}'::jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE api_keys
        DROP COLUMN expires_at, DROP COLUMN allowed_models, DROP COLUMN rpm_limit, DROP COLUMN tpm_limit,
        DROP COLUMN routing_strategy, DROP COLUMN guardrail_policy, DROP COLUMN scopes, DROP COLUMN metadata`);
  }
}
