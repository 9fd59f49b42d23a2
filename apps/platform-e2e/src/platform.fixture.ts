import { randomBytes, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  eventually,
  startAppProcess,
  startMockOpenAiUpstream,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  type AppProcess,
  type MockUpstream,
} from '@llmgw/testing';
import { Client } from 'pg';

/** A row of `usage_records` as the e2e suites read it. */
export interface UsageRow {
  request_id: string;
  api_key_id: string | null;
  endpoint: string;
  provider: string | null;
  model: string;
  status: string;
  error_type: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  cost_nano_usd: string;
  usage_source: string;
  stream: boolean;
  cache_result: string;
  saved_cost_nano_usd: string;
  fallback_count: number;
  guardrail_actions: string[];
}

const WORKSPACE = path.resolve(__dirname, '../../..');
// The built apps: dist/ (shared) by default; E2E_DIST_DIR points at a private build made with
// BUILD_OUT_DIR, so a suite is not disturbed by someone else rebuilding dist/ mid-run.
const DIST = process.env.E2E_DIST_DIR ? path.resolve(process.env.E2E_DIST_DIR) : path.join(WORKSPACE, 'dist');
// A build outside the workspace finds the workspace's packages through NODE_PATH.
const NODE_PATH_ENV: Record<string, string> = process.env.E2E_DIST_DIR ? { NODE_PATH: path.join(WORKSPACE, 'node_modules') } : {};

/** The built app's main script, as `startAppProcess` takes it (relative to the workspace). */
export function appScript(app: 'gateway' | 'admin-api' | 'cost-tracker'): string {
  return path.relative(WORKSPACE, path.join(DIST, `apps/${app}/src/main.js`));
}

export interface Platform {
  gateway: AppProcess;
  admin: AppProcess;
  worker: AppProcess;
  upstream: MockUpstream;
  apiKey: string;
  /** The environment the apps were started with, to start more replicas. */
  env: Record<string, string>;
  adminEmail: string;
  adminPassword: string;
  db: Client;
  /** The request's usage row once the worker has written it; fails unless there is exactly one. */
  usageRow(requestId: string): Promise<UsageRow>;
  stop(): Promise<void>;
}

/**
 * The three built apps as separate processes (distributed mode) on the real Postgres and Redis,
 * with the OpenAI provider pointed at a mock upstream. Each suite gets its own queue prefix.
 */
export async function startPlatform(extraEnv: Record<string, string> = {}): Promise<Platform> {
  // Migrate as a deployment does: the built migration tool, before the apps start.
  execFileSync(process.execPath, [path.join(DIST, 'tools/migrate.js')], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: TEST_DATABASE_URL, ...NODE_PATH_ENV },
    stdio: 'pipe',
  });
  const upstream = await startMockOpenAiUpstream();
  const apiKey = `sk-llmgw-e2e${randomBytes(24).toString('hex')}`;
  const adminEmail = `admin-${randomUUID().slice(0, 8)}@e2e.test`;
  const adminPassword = randomBytes(12).toString('base64url');
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `e2e-${randomUUID()}`,
    API_KEY_HASH_SECRET: 'e2e-api-key-hash-secret-0123456789',
    JWT_SECRET: 'e2e-jwt-secret-0123456789-0123456789-0123456789',
    GATEWAY_HOST: '127.0.0.1',
    GATEWAY_PORT: '0',
    ADMIN_HOST: '127.0.0.1',
    ADMIN_PORT: '0',
    COST_TRACKER_HOST: '127.0.0.1',
    COST_TRACKER_PORT: '0',
    OPENAI_API_KEY: 'sk-upstream-test-key',
    OPENAI_BASE_URL: upstream.baseUrl,
    BOOTSTRAP_API_KEY: apiKey,
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
    ...NODE_PATH_ENV,
    ...extraEnv,
  };
  const started = await Promise.allSettled([
    startAppProcess(appScript('cost-tracker'), env),
    startAppProcess(appScript('admin-api'), env),
    startAppProcess(appScript('gateway'), env),
  ]);
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    // Never leave the apps that did start running: Jest would wait for them forever.
    await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)));
    await upstream.close();
    throw failure.reason;
  }
  const [worker, admin, gateway] = started.map((result) => (result as PromiseFulfilledResult<AppProcess>).value) as [AppProcess, AppProcess, AppProcess];
  const db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  return {
    gateway,
    admin,
    worker,
    upstream,
    apiKey,
    env,
    adminEmail,
    adminPassword,
    db,
    async usageRow(requestId) {
      let rows: UsageRow[] = [];
      await eventually(`request ${requestId} is metered`, async () => {
        rows = (await db.query<UsageRow>('SELECT * FROM usage_records WHERE request_id = $1', [requestId])).rows;
        return rows.length > 0;
      });
      if (rows.length !== 1) throw new Error(`request ${requestId} was metered ${rows.length} times`);
      return rows[0]!;
    },
    async stop() {
      await Promise.all([gateway.stop(), admin.stop()]);
      await worker.stop();
      await upstream.close();
      await db.end();
    },
  };
}
