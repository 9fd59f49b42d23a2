// The gateway's surroundings for the benchmark: a scratch database on the real Postgres
// (migrated, seeded with two API keys), a unique Redis prefix, and the environment of each
// gateway variant. Everything is removed at the end; nothing shared is flushed.
import { randomBytes } from 'node:crypto';
import { hashApiKey } from '@llmgw/accounts';
import { QUEUES } from '@llmgw/contracts';
import { migrateDatabase } from '@llmgw/database';
import Redis from 'ioredis';
import { Client } from 'pg';

export const HASH_SECRET = 'bench-api-key-hash-secret-0123456789';

export interface BenchServices {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  /** A key with rpm/tpm limits and hard key and team budgets: every admission check runs. */
  fullKey: string;
  /** A key with no limits and no budgets. */
  plainKey: string;
  /** Drops the usage jobs queued so far (no worker consumes them here). */
  dropQueuedUsage(): Promise<number>;
  dispose(): Promise<void>;
}

const NANO_USD_LIMIT = 9_000_000_000_000_000; // ~9 million USD, under 2^53: never reached

export async function prepareServices(adminUrl: string, redisUrl: string): Promise<BenchServices> {
  const suffix = randomBytes(6).toString('hex');
  const database = `llmgw_bench_${suffix}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const databaseUrl = withDatabase(adminUrl, database);
  await migrateDatabase(databaseUrl);
  const fullKey = `sk-llmgw-bench${randomBytes(24).toString('hex')}`;
  const plainKey = `sk-llmgw-bench${randomBytes(24).toString('hex')}`;
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const team = await db.query<{ id: string }>(`INSERT INTO teams (name) VALUES ('bench') RETURNING id`);
    const teamId = team.rows[0]!.id;
    const key = await db.query<{ id: string }>(
      `INSERT INTO api_keys (name, key_hash, display_prefix, team_id, rpm_limit, tpm_limit, created_by)
       VALUES ('bench-full', $1, $2, $3, 2000000000, 2000000000, 'bench') RETURNING id`,
      [hashApiKey(fullKey, HASH_SECRET), fullKey.slice(0, 12), teamId],
    );
    await db.query(
      `INSERT INTO budgets (scope, scope_id, period, limit_nano_usd, enforcement) VALUES ('key', $1, 'monthly', $3, 'hard'), ('team', $2, 'monthly', $3, 'hard')`,
      [key.rows[0]!.id, teamId, NANO_USD_LIMIT],
    );
    await db.query(`INSERT INTO api_keys (name, key_hash, display_prefix, created_by) VALUES ('bench-plain', $1, $2, 'bench')`, [
      hashApiKey(plainKey, HASH_SECRET),
      plainKey.slice(0, 12),
    ]);
  } finally {
    await db.end();
  }
  const queuePrefix = `bench-${suffix}`;
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();

  const deleteMatching = async (pattern: string): Promise<number> => {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
    return deleted;
  };

  return {
    databaseUrl,
    redisUrl,
    queuePrefix,
    fullKey,
    plainKey,
    dropQueuedUsage: () => deleteMatching(`${queuePrefix}:${QUEUES.usage}:*`),
    async dispose() {
      await deleteMatching(`${queuePrefix}*`).catch(() => 0);
      redis.disconnect();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export type VariantName = 'full' | 'no-cache' | 'no-guardrails' | 'no-limits' | 'all-off';

export interface GatewayVariant {
  name: VariantName;
  description: string;
  env: Record<string, string>;
  useFullKey: boolean;
}

const HUGE_PROVIDER_LIMITS = '{"openai":{"tpm":2000000000,"rpm":2000000000}}';

export const VARIANTS: Record<VariantName, GatewayVariant> = {
  full: { name: 'full', description: 'auth, key+provider limits, hard budgets, guardrails, exact cache, metering', env: {}, useFullKey: true },
  'no-cache': { name: 'no-cache', description: 'full minus the exact cache', env: { ENABLE_CACHE: 'false' }, useFullKey: true },
  'no-guardrails': { name: 'no-guardrails', description: 'full minus guardrails', env: { ENABLE_GUARDRAILS: 'false' }, useFullKey: true },
  'no-limits': { name: 'no-limits', description: 'full minus limits and budgets (plain key, no provider limits)', env: { PROVIDER_RATE_LIMITS: '{}' }, useFullKey: false },
  'all-off': {
    name: 'all-off',
    description: 'auth, routing and metering only',
    env: { ENABLE_CACHE: 'false', ENABLE_GUARDRAILS: 'false', PROVIDER_RATE_LIMITS: '{}' },
    useFullKey: false,
  },
};

export function gatewayEnv(services: BenchServices, variant: GatewayVariant, upstreamUrl: string, port: number, dataDir: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    ...(process.env.NODE_PATH ? { NODE_PATH: process.env.NODE_PATH } : {}),
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    QUEUE_PREFIX: services.queuePrefix,
    API_KEY_HASH_SECRET: HASH_SECRET,
    DATA_DIR: dataDir,
    GATEWAY_HOST: '127.0.0.1',
    GATEWAY_PORT: String(port),
    OPENAI_API_KEY: 'sk-bench-upstream',
    OPENAI_BASE_URL: `${upstreamUrl}/v1`,
    MOCK_PROVIDER_ENABLED: 'false',
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_PER_USER: '0',
    PROVIDER_RATE_LIMITS: HUGE_PROVIDER_LIMITS,
    ...variant.env,
  };
}
