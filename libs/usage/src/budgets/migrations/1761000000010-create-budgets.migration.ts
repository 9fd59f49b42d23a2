import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Budgets and their alerts. `scope_id` names an API key or a team (no foreign key: budgets are
 * usage data and may outlive a deleted key). The global MAX_DAILY_COST alert has no budget row,
 * so its alerts carry a null `budget_id`; NULLS NOT DISTINCT keeps them unique too.
 */
export class CreateBudgets1761000000010 implements MigrationInterface {
  name = 'CreateBudgets1761000000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE budgets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scope text NOT NULL CHECK (scope IN ('key', 'team')),
        scope_id uuid NOT NULL,
        period text NOT NULL CHECK (period IN ('daily', 'monthly')),
        limit_nano_usd bigint NOT NULL CHECK (limit_nano_usd > 0 AND limit_nano_usd <= 9007199254740991),
        enforcement text NOT NULL CHECK (enforcement IN ('hard', 'soft')),
        alert_thresholds int[] NOT NULL DEFAULT '{50,80,100}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX idx_budgets_scope ON budgets (scope, scope_id)`);
    await queryRunner.query(`
      CREATE TABLE budget_alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        budget_id uuid NULL REFERENCES budgets (id) ON DELETE CASCADE,
        period_start timestamptz NOT NULL,
        threshold int NOT NULL,
        spent_nano_usd bigint NOT NULL,
        limit_nano_usd bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz NULL,
        delivery_attempts int NOT NULL DEFAULT 0,
        delivery_claimed_until timestamptz NULL,
        delivery_error text NULL
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_budget_alerts_once ON budget_alerts (budget_id, period_start, threshold) NULLS NOT DISTINCT`,
    );
    await queryRunner.query(`CREATE INDEX idx_budget_alerts_undelivered ON budget_alerts (created_at) WHERE delivered_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE budget_alerts`);
    await queryRunner.query(`DROP TABLE budgets`);
  }
}
