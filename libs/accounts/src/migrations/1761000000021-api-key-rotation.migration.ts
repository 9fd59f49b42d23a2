import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Links a rotated key to the key it replaced, so the chain is visible in the admin API. */
export class ApiKeyRotation1761000000021 implements MigrationInterface {
  name = 'ApiKeyRotation1761000000021';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE api_keys
        ADD COLUMN rotated_from uuid NULL CONSTRAINT api_keys_rotated_from_fkey REFERENCES api_keys (id)`);
    await runner.query('CREATE INDEX api_keys_created_at_idx ON api_keys (created_at DESC, id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX api_keys_created_at_idx');
    await runner.query('ALTER TABLE api_keys DROP COLUMN rotated_from');
  }
}
