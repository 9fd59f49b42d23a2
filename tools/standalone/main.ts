// `npm start`: the whole platform in one process with nothing to install. Postgres is embedded
// (PGlite) unless DATABASE_URL is set; usage events travel in process unless REDIS_URL is set.
import 'reflect-metadata';
import { readProcessEnv } from '@llmgw/config';
import { migrateDatabase } from '@llmgw/database';
import { bootstrapAdminApi } from '../../apps/admin-api/src/main';
import { bootstrapCostTracker } from '../../apps/cost-tracker/src/main';
import { bootstrapGateway } from '../../apps/gateway/src/main';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { lockDataDir } from './data-dir.lock';
import { loadOrCreateSecrets } from './standalone-secrets';

async function main(): Promise<void> {
  const given = readProcessEnv();
  const dataDir = given.DATA_DIR || './.data';
  const unlock = lockDataDir(dataDir);
  const secrets = loadOrCreateSecrets(dataDir);
  const distributed = Boolean(given.REDIS_URL);
  let embedded: EmbeddedPostgres | null = null;
  if (!given.DATABASE_URL) embedded = await startEmbeddedPostgres(dataDir);

  const env: Record<string, string | undefined> = {
    API_KEY_HASH_SECRET: secrets.apiKeyHashSecret,
    JWT_SECRET: secrets.jwtSecret,
    BOOTSTRAP_API_KEY: secrets.apiKey,
    LOG_LEVEL: 'warn', // keep the banner readable; set LOG_LEVEL=info for the boot log
    ...given,
    ...(embedded ? { DATABASE_URL: embedded.url, DATABASE_POOL_SIZE: '1' } : {}),
    DATA_DIR: dataDir,
  };
  await migrateDatabase(env.DATABASE_URL!);

  const runtime = { distributed, ownsProcess: false };
  const worker = await bootstrapCostTracker(env, runtime);
  const admin = await bootstrapAdminApi(env, runtime);
  const gateway = await bootstrapGateway(env, runtime);

  const apiKey = env.BOOTSTRAP_API_KEY;
  console.log(
    [
      '',
      'LLM gateway is running (standalone mode)',
      `  gateway    ${gateway.url}/v1        (OpenAI-compatible)`,
      `  admin API  ${admin.url}/admin`,
      `  database   ${embedded ? `embedded Postgres in ${dataDir}/postgres` : 'DATABASE_URL'}`,
      `  API key    ${apiKey}`,
      '',
      'Try it:',
      `  curl ${gateway.url}/v1/chat/completions -H 'Authorization: Bearer ${apiKey}' \\`,
      `    -H 'Content-Type: application/json' -d '{"model":"mock-1","messages":[{"role":"user","content":"Hello!"}]}'`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    // The gateway first (it flushes usage), the worker last (it writes what was flushed).
    await gateway.app.close();
    await admin.app.close();
    await worker.app.close();
    await embedded?.stop();
    unlock();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
