import { DataSource, type EntitySchema, type MixedList } from 'typeorm';

export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/llmgw_test';
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// Any constant works: it only has to be the same for every process that migrates.
const MIGRATION_LOCK_ID = 4_242_001;

export interface TestDataSourceOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/**
 * A DataSource on the real test database with the given migrations applied. Jest workers run
 * suites in parallel, so migrations run under a Postgres advisory lock; they are idempotent
 * (already applied ones are skipped). Tests isolate themselves by unique ids, not truncation.
 */
export async function openTestDataSource(options: TestDataSourceOptions): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: TEST_DATABASE_URL,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTransactionMode: 'each',
    extra: { max: 4 },
  });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await dataSource.runMigrations();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
  }
  return dataSource;
}
