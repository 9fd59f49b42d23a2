import { DataSource } from 'typeorm';
import { ALL_ENTITIES, ALL_MIGRATIONS } from './schema';

// Any constant works: it only has to be the same for every process that migrates.
const MIGRATION_LOCK_ID = 4_242_001;

/**
 * Runs pending migrations while holding a Postgres advisory lock, so several processes (pods,
 * Jest workers) that migrate at once apply each migration exactly once.
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
  }
}

/** Opens a short-lived connection, migrates the database at `url`, and closes. */
export async function migrateDatabase(url: string): Promise<string[]> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    uuidExtension: 'pgcrypto',
    extra: { max: 2 }, // one session holds the lock, another runs the migrations
  });
  await dataSource.initialize();
  try {
    return await runMigrationsExclusively(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
