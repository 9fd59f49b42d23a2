// Applies pending database migrations (`npm run migrate`; the Kubernetes migration Job runs the
// same file). Reads DATABASE_URL like the apps do.
import { commonEnvSchema, loadConfig, readProcessEnv } from '@llmgw/config';
import { migrateDatabase } from '@llmgw/database';

async function main(): Promise<void> {
  const config = loadConfig(commonEnvSchema, readProcessEnv());
  const applied = await migrateDatabase(config.DATABASE_URL);
  console.log(applied.length > 0 ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
