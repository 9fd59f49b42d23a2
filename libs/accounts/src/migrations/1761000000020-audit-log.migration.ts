import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The control plane's audit trail. Append-only in the database itself: a trigger refuses
 * UPDATE, DELETE and TRUNCATE, whoever asks (an application bug, a console session).
 */
export class AuditLog1761000000020 implements MigrationInterface {
  name = 'AuditLog1761000000020';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id text NULL,
        actor_email text NULL,
        action text NOT NULL,
        resource_type text NOT NULL,
        resource_id text NULL,
        before jsonb NULL,
        after jsonb NULL,
        request_id text NULL
      )`);
    await runner.query('CREATE INDEX audit_log_occurred_at_idx ON audit_log (occurred_at DESC, id DESC)');
    await runner.query('CREATE INDEX audit_log_resource_idx ON audit_log (resource_type, resource_id)');
    await runner.query('CREATE INDEX audit_log_actor_idx ON audit_log (actor_email)');
    await runner.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await runner.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    await runner.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_log');
    await runner.query('DROP FUNCTION audit_log_refuse_change()');
  }
}
