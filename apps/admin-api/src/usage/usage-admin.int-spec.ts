import { randomUUID } from 'node:crypto';
import { AdminUserRepository } from '@llmgw/accounts';
import { QUEUES } from '@llmgw/contracts';
import { migrateDatabase } from '@llmgw/database';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '@llmgw/testing';
import { Queue } from 'bullmq';
import { bootstrapAdminApi, type RunningAdminApi } from '../main';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ADMIN = { email: `admin-${randomUUID()}@usage.test`, password: 'admin password 0123456789' };
const VIEWER = { email: `viewer-${randomUUID()}@usage.test`, password: 'viewer password 0123456789' };

describe('admin API usage reports and dead letters (real Postgres and Redis)', () => {
  const prefix = `test-${randomUUID()}`;
  let api: RunningAdminApi;
  let deadLetterQueue: Queue;
  let adminToken: string;
  let viewerToken: string;

  const call = (path: string, token: string | null, method = 'GET') =>
    fetch(`${api.url}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const login = async (credentials: typeof ADMIN) =>
    ((await (await fetch(`${api.url}/admin/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) })).json()) as Json)
      .access_token as string;

  beforeAll(async () => {
    await migrateDatabase(TEST_DATABASE_URL);
    api = await bootstrapAdminApi(
      {
        NODE_ENV: 'test', LOG_LEVEL: 'error', DATABASE_URL: TEST_DATABASE_URL, DATABASE_POOL_SIZE: '2', REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix, JWT_SECRET: 'usage-admin-int-spec-jwt-secret-0123456789', ADMIN_HOST: '127.0.0.1', ADMIN_PORT: '0',
        ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password,
      },
      { distributed: true, ownsProcess: false },
    );
    await api.app.get(AdminUserRepository).create({ ...VIEWER, role: 'viewer' });
    adminToken = await login(ADMIN);
    viewerToken = await login(VIEWER);
    deadLetterQueue = new Queue(QUEUES.usageDeadLetter, { connection: { url: TEST_REDIS_URL }, prefix });
  });

  afterAll(async () => {
    await deadLetterQueue.obliterate({ force: true });
    await deadLetterQueue.close();
    await api.app.close();
  });

  it('serves the period report to a viewer, and refuses an anonymous caller', async () => {
    const response = await call('/admin/usage/report?from=1901-01-01&to=1901-01-08&period=week&group_by=team', viewerToken);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ object: 'usage.report', period: 'week', group_by: 'team', from: '1901-01-01', to: '1901-01-08', data: expect.any(Array) });
    expect((await call('/admin/usage/report', null)).status).toBe(401);
  });

  it('answers a bad query with a 400 in the OpenAI error shape, naming the parameter', async () => {
    for (const query of ['group_by=colour', 'from=2025-02-30', 'from=2025-02-01&to=2025-01-01', 'days=0']) {
      const response = await call(`/admin/usage/${query.startsWith('days') ? 'daily' : 'report'}?${query}`, viewerToken);
      expect(response.status).toBe(400);
      const body = (await response.json()) as Json;
      expect(body.error).toMatchObject({ type: 'invalid_request_error', param: expect.any(String) });
    }
  });

  it('exports CSV, and serves the daily series, top models, latency and workspace costs', async () => {
    const csv = await call('/admin/usage/report.csv?from=1901-01-01&to=1901-01-02', viewerToken);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\r\n')[0]).toMatch(/^period_start,group,requests/);
    const daily = (await (await call('/admin/usage/daily?days=7', viewerToken)).json()) as Json;
    expect(daily.data).toHaveLength(7);
    expect((await call('/admin/usage/top-models?limit=3', viewerToken)).status).toBe(200);
    expect((await call('/admin/usage/latency', viewerToken)).status).toBe(200);
    const team = randomUUID();
    expect(await (await call(`/admin/usage/workspaces/${team}/costs?from=1901-01-01&to=1901-02-01`, viewerToken)).json()).toEqual({
      workspace_id: team, from: '1901-01-01', to: '1901-02-01', total_cost: '0.000000000', total_cost_nano_usd: '0', total_tokens: 0, call_count: 0, by_model: {},
    });
  });

  it('lists dead letters for a viewer; only an admin replays them', async () => {
    const id = randomUUID();
    const payload = { payload: { batchId: id, events: [] }, failedReason: 'database down', attemptsMade: 10, failedAt: new Date().toISOString() };
    await deadLetterQueue.add('dead-letter', payload, { jobId: id });
    const page = (await (await call('/admin/usage/dead-letters?limit=10', viewerToken)).json()) as Json;
    expect(page).toMatchObject({ object: 'list', total: 1, offset: 0, limit: 10 });
    expect(page.data[0]).toMatchObject({ id, batch_id: id, failed_reason: 'database down', attempts_made: 10 });

    expect((await call(`/admin/usage/dead-letters/${id}/replay`, viewerToken, 'POST')).status).toBe(403);
    expect((await call(`/admin/usage/dead-letters/nope/replay`, adminToken, 'POST')).status).toBe(404);
    const replayed = await call(`/admin/usage/dead-letters/${id}/replay`, adminToken, 'POST');
    expect(replayed.status).toBe(200);
    expect(await replayed.json()).toEqual({ id, replayed: true });
    expect(((await (await call('/admin/usage/dead-letters', viewerToken)).json()) as Json).total).toBe(0);
  });
});
