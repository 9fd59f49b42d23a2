export { ALL_ENTITIES, ALL_MIGRATIONS } from './schema';
export { migrateDatabase, runMigrationsExclusively } from './migrate';
export { postgresConnectionOptions } from './connection-options';
export type { ConnectionSettings } from './connection-options';
