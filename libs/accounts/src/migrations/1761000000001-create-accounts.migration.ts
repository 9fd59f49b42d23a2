import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Teams, API keys and admin users. gen_random_uuid() is built in since Postgres 13. */
export class CreateAccounts1761000000001 implements MigrationInterface {
  name = 'CreateAccounts1761000000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CONSTRAINT teams_name_key UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        key_hash char(64) NOT NULL CONSTRAINT api_keys_key_hash_key UNIQUE,
        display_prefix text NOT NULL,
        team_id uuid NULL CONSTRAINT api_keys_team_id_fkey REFERENCES teams (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz NULL,
        last_used_at timestamptz NULL,
        created_by text NULL
      )`);
    await runner.query('CREATE INDEX api_keys_team_id_idx ON api_keys (team_id)');
    await runner.query(`
      CREATE TABLE admin_users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CONSTRAINT admin_users_email_key UNIQUE
          CONSTRAINT admin_users_email_lowercase CHECK (email = lower(email)),
        password_hash text NOT NULL,
        role text NOT NULL CONSTRAINT admin_users_role_check CHECK (role IN ('admin', 'viewer')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE admin_users');
    await runner.query('DROP TABLE api_keys');
    await runner.query('DROP TABLE teams');
  }
}
