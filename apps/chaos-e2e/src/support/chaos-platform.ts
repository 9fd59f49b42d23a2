import { randomBytes, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  startAppProcess,
  startMockOpenAiUpstream,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  type AppProcess,
  type MockUpstream,
  type UpstreamBehaviour,
} from '@llmgw/testing';
import { Client } from 'pg';

const WORKSPACE = path.resolve(__dirname, '../../../..');
/** The built apps: `dist/` as CI builds it, or a private build (BUILD_OUT_DIR) while developing. */
export const DIST = path.resolve(WORKSPACE, process.env.CHAOS_DIST_DIR ?? 'dist');
const script = (app: string) => path.relative(WORKSPACE, path.join(DIST, app));

export type AppName = 'gateway' | 'admin-api' | 'cost-tracker';

export interface ChaosPlatformOptions {
  redisUrl?: string;
  gatewayReplicas?: number;
  /** Apps to start (all by default). */
  apps?: AppName[];
  env?: Record<string, string>;
  upstream?: Partial<UpstreamBehaviour>;
}

export interface ChaosPlatform {
  gateways: AppProcess[];
  admin: AppProcess | undefined;
  worker: AppProcess | undefined;
  upstream: MockUpstream;
  apiKey: string;
  adminEmail: string;
  adminPassword: string;
  env: Record<string, string>;
  db: Client;
  /** Starts one more process of an app with the platform's environment (a replica, a restart). */
  start(app: AppName, extraEnv?: Record<string, string>): Promise<AppProcess>;
  /** Every process's output so far, for the log checks. */
  output(): string;
  stop(): Promise<void>;
}

/** Migrates as a deployment does: the built migration tool, before the apps start. */
function migrate(): void {
  execFileSync(process.execPath, [path.join(DIST, 'tools/migrate.js')], {
    env: { PATH: process.env.PATH ?? '', NODE_PATH: path.join(WORKSPACE, 'node_modules'), DATABASE_URL: TEST_DATABASE_URL },
    stdio: 'pipe',
  });
}

/**
 * The built apps as separate processes on the shared Postgres and a Redis of the caller's choice
 * (its own server when the spec injects Redis faults), the OpenAI provider on a mock upstream,
 * and a queue prefix of its own so concurrent suites never share work.
 */
export async function startChaosPlatform(options: ChaosPlatformOptions = {}): Promise<ChaosPlatform> {
  migrate();
  const upstream = await startMockOpenAiUpstream({ behaviour: options.upstream });
  const apiKey = `sk-llmgw-chaos${randomBytes(24).toString('hex')}`;
  const adminEmail = `chaos-${randomUUID().slice(0, 8)}@chaos.test`;
  const adminPassword = randomBytes(12).toString('base64url');
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    NODE_PATH: path.join(WORKSPACE, 'node_modules'),
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: options.redisUrl ?? TEST_REDIS_URL,
    QUEUE_PREFIX: `chaos-${randomUUID()}`,
    API_KEY_HASH_SECRET: 'chaos-api-key-hash-secret-0123456789',
    JWT_SECRET: 'chaos-jwt-secret-0123456789-0123456789-0123456789',
    GATEWAY_HOST: '127.0.0.1',
    GATEWAY_PORT: '0',
    ADMIN_HOST: '127.0.0.1',
    ADMIN_PORT: '0',
    COST_TRACKER_HOST: '127.0.0.1',
    COST_TRACKER_PORT: '0',
    OPENAI_API_KEY: 'sk-upstream-chaos-secret-key',
    OPENAI_BASE_URL: upstream.baseUrl,
    BOOTSTRAP_API_KEY: apiKey,
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
    ...options.env,
  };
  const processes: AppProcess[] = [];
  const start = async (app: AppName, extraEnv: Record<string, string> = {}) => {
    const started = await startAppProcess(script(`apps/${app}/src/main.js`), { ...env, ...extraEnv });
    processes.push(started);
    return started;
  };
  const apps = options.apps ?? ['cost-tracker', 'admin-api', 'gateway'];
  const wanted = [
    ...(apps.includes('cost-tracker') ? (['cost-tracker'] as const) : []),
    ...(apps.includes('admin-api') ? (['admin-api'] as const) : []),
    ...(apps.includes('gateway') ? Array.from({ length: options.gatewayReplicas ?? 1 }, () => 'gateway' as const) : []),
  ];
  const started = await Promise.allSettled(wanted.map((app) => start(app)));
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    // Never leave started apps running: Jest would wait for them forever.
    await Promise.all(processes.map((running) => running.stop()));
    await upstream.close();
    throw failure.reason;
  }
  const byApp = (app: AppName) =>
    started.flatMap((result, index) => (result.status === 'fulfilled' && wanted[index] === app ? [result.value] : []));
  const db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
  return {
    gateways: byApp('gateway'),
    admin: byApp('admin-api')[0],
    worker: byApp('cost-tracker')[0],
    upstream,
    apiKey,
    adminEmail,
    adminPassword,
    env,
    db,
    start,
    output: () => processes.map((running) => running.output()).join('\n'),
    async stop() {
      await Promise.all(processes.map((running) => running.stop()));
      await upstream.close();
      await db.end();
    },
  };
}
