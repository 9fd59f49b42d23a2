import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Monthly partitions are created for legacy rows this recent; older ones land in the default partition. */
const LEGACY_MONTHS_KEPT_IN_PARTITIONS = 24;

const COLUMNS = `request_id, occurred_at, api_key_id, team_id, endpoint, provider, model, status, http_status, error_type,
  prompt_tokens, completion_tokens, cost_nano_usd, usage_source, stream, latency_ms, time_to_first_token_ms,
  cache_result, saved_cost_nano_usd, fallback_count, task_type`;

/**
 * `usage_records` becomes partitioned by month on `occurred_at`, keeping every existing row.
 *
 * Postgres wants the partition key in every unique index, so `request_id` can no longer be
 * unique on the table itself: dedup moves to `usage_request_ids` (request id primary key), which
 * the writer inserts into first, in the same statement, so only new ids reach `usage_records` and
 * the roll-up. `usage_daily_spend` holds the daily roll-up the worker keeps (and budgets read);
 * NULLS NOT DISTINCT makes the null key/team/provider rows upsertable. `guardrail_actions` is new.
 */
export class PartitionUsageRecords1764000000001 implements MigrationInterface {
  name = 'PartitionUsageRecords1764000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string, parameters?: unknown[]) => queryRunner.query(sql, parameters);
    // The old table steps aside under another name; its index names would clash otherwise.
    await q(`ALTER TABLE usage_records RENAME TO usage_records_legacy`);
    await q(`ALTER TABLE usage_records_legacy RENAME CONSTRAINT usage_records_pkey TO usage_records_legacy_pkey`);
    await q(`ALTER TABLE usage_records_legacy RENAME CONSTRAINT uq_usage_records_request_id TO uq_usage_records_legacy_request_id`);
    await q(`ALTER SEQUENCE usage_records_id_seq RENAME TO usage_records_legacy_id_seq`);
    for (const index of ['idx_usage_records_occurred_at', 'idx_usage_records_api_key_occurred_at', 'idx_usage_records_provider_model_occurred_at']) {
      await q(`DROP INDEX ${index}`);
    }

    await q(`
      CREATE TABLE usage_request_ids (
        request_id text PRIMARY KEY,
        occurred_at timestamptz NOT NULL
      )`);
    await q(`CREATE INDEX idx_usage_request_ids_occurred_at ON usage_request_ids (occurred_at)`);

    await q(`
      CREATE TABLE usage_records (
        id bigserial NOT NULL,
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
        guardrail_actions text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT usage_records_pkey PRIMARY KEY (id, occurred_at)
      ) PARTITION BY RANGE (occurred_at)`);
    await q(`CREATE INDEX idx_usage_records_occurred_at ON usage_records (occurred_at)`);
    await q(`CREATE INDEX idx_usage_records_request_id ON usage_records (request_id)`);
    await q(`CREATE INDEX idx_usage_records_api_key_occurred_at ON usage_records (api_key_id, occurred_at)`);
    await q(`CREATE INDEX idx_usage_records_team_occurred_at ON usage_records (team_id, occurred_at)`);
    await q(`CREATE INDEX idx_usage_records_provider_model_occurred_at ON usage_records (provider, model, occurred_at)`);
    // The safety net: a row whose month has no partition yet is still stored.
    await q(`CREATE TABLE usage_records_default PARTITION OF usage_records DEFAULT`);

    // This month, next month, and every recent month the legacy rows fall in.
    const months: Array<{ month: string }> = await q(
      `SELECT DISTINCT to_char(m, 'YYYY-MM-DD') AS month FROM (
         SELECT date_trunc('month', now() AT TIME ZONE 'UTC') AS m
         UNION SELECT date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month'
         UNION SELECT date_trunc('month', occurred_at AT TIME ZONE 'UTC') FROM usage_records_legacy
          WHERE occurred_at >= date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => $1)
            AND occurred_at < date_trunc('month', now() AT TIME ZONE 'UTC') + interval '2 months'
       ) months`,
      [LEGACY_MONTHS_KEPT_IN_PARTITIONS],
    );
    for (const { month } of months) {
      const start = new Date(`${month}T00:00:00Z`);
      const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
      const name = `usage_records_p${month.slice(0, 4)}_${month.slice(5, 7)}`;
      await q(`CREATE TABLE ${name} PARTITION OF usage_records FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`);
    }

    await q(`INSERT INTO usage_request_ids (request_id, occurred_at) SELECT request_id, occurred_at FROM usage_records_legacy`);
    await q(`INSERT INTO usage_records (id, ${COLUMNS}) SELECT id, ${COLUMNS} FROM usage_records_legacy`);
    await q(`SELECT setval('usage_records_id_seq', (SELECT coalesce(max(id), 0) + 1 FROM usage_records_legacy), false)`);

    await q(`
      CREATE TABLE usage_daily_spend (
        day date NOT NULL,
        api_key_id uuid NULL,
        team_id uuid NULL,
        provider text NULL,
        model text NOT NULL,
        requests bigint NOT NULL DEFAULT 0,
        errors bigint NOT NULL DEFAULT 0,
        prompt_tokens bigint NOT NULL DEFAULT 0,
        completion_tokens bigint NOT NULL DEFAULT 0,
        cost_nano_usd bigint NOT NULL DEFAULT 0,
        saved_cost_nano_usd bigint NOT NULL DEFAULT 0,
        cache_hits bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q(`CREATE UNIQUE INDEX uq_usage_daily_spend_key ON usage_daily_spend (day, api_key_id, team_id, provider, model) NULLS NOT DISTINCT`);
    await q(`CREATE INDEX idx_usage_daily_spend_api_key_day ON usage_daily_spend (api_key_id, day)`);
    await q(`CREATE INDEX idx_usage_daily_spend_team_day ON usage_daily_spend (team_id, day)`);
    await q(`
      INSERT INTO usage_daily_spend (day, api_key_id, team_id, provider, model, requests, errors, prompt_tokens,
                                     completion_tokens, cost_nano_usd, saved_cost_nano_usd, cache_hits)
      SELECT (occurred_at AT TIME ZONE 'UTC')::date, api_key_id, team_id, provider, model, count(*),
             count(*) FILTER (WHERE status = 'error'), sum(prompt_tokens), sum(completion_tokens), sum(cost_nano_usd),
             sum(saved_cost_nano_usd), count(*) FILTER (WHERE cache_result <> 'none')
        FROM usage_records_legacy
       GROUP BY 1, 2, 3, 4, 5`);

    await q(`DROP TABLE usage_records_legacy`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`DROP TABLE usage_daily_spend`);
    await q(`ALTER TABLE usage_records RENAME TO usage_records_partitioned`);
    await q(`ALTER TABLE usage_records_partitioned RENAME CONSTRAINT usage_records_pkey TO usage_records_partitioned_pkey`);
    await q(`ALTER SEQUENCE usage_records_id_seq RENAME TO usage_records_partitioned_id_seq`);
    for (const index of ['idx_usage_records_occurred_at', 'idx_usage_records_api_key_occurred_at', 'idx_usage_records_provider_model_occurred_at']) {
      await q(`ALTER INDEX ${index} RENAME TO ${index}_partitioned`);
    }
    await q(`
      CREATE TABLE usage_records (LIKE usage_records_partitioned INCLUDING DEFAULTS EXCLUDING IDENTITY,
        CONSTRAINT usage_records_pkey PRIMARY KEY (id), CONSTRAINT uq_usage_records_request_id UNIQUE (request_id))`);
    await q(`ALTER TABLE usage_records DROP COLUMN guardrail_actions`);
    await q(`CREATE SEQUENCE usage_records_id_seq OWNED BY usage_records.id`);
    await q(`ALTER TABLE usage_records ALTER COLUMN id SET DEFAULT nextval('usage_records_id_seq')`);
    await q(`INSERT INTO usage_records (id, ${COLUMNS}, created_at) SELECT id, ${COLUMNS}, created_at FROM usage_records_partitioned`);
    await q(`SELECT setval('usage_records_id_seq', (SELECT coalesce(max(id), 0) + 1 FROM usage_records), false)`);
    await q(`DROP TABLE usage_records_partitioned`);
    await q(`DROP TABLE usage_request_ids`);
    await q(`CREATE INDEX idx_usage_records_occurred_at ON usage_records (occurred_at)`);
    await q(`CREATE INDEX idx_usage_records_api_key_occurred_at ON usage_records (api_key_id, occurred_at)`);
    await q(`CREATE INDEX idx_usage_records_provider_model_occurred_at ON usage_records (provider, model, occurred_at)`);
  }
}
