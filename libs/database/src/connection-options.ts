import type { DataSourceOptions } from 'typeorm';

export interface ConnectionSettings {
  DATABASE_URL: string;
  DATABASE_POOL_SIZE: number;
}

/**
 * How every app connects: migrations are applied at deploy, never at boot, and never by
 * `synchronize`; UUIDs come from Postgres's own `gen_random_uuid()` (no uuid-ossp needed).
 */
export function postgresConnectionOptions(
  settings: ConnectionSettings,
  entities: NonNullable<DataSourceOptions['entities']>,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.DATABASE_URL,
    entities,
    poolSize: settings.DATABASE_POOL_SIZE,
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    synchronize: false,
  };
}
