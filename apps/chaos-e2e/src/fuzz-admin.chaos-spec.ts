import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { recordChaos } from './report/chaos-report';
import { adminCall, adminToken } from './support/admin-session';
import { badBodies, type BadBody, badPathParam, badQueries, oversizedBody } from './support/bad-input.arbitraries';
import { startChaosPlatform, type ChaosPlatform } from './support/chaos-platform';
import { refusalProblem, send } from './support/http';

const RUNS = Number(process.env.CHAOS_FUZZ_RUNS ?? 150);
// Fastify's default body limit on the admin API.
const ADMIN_BODY_LIMIT = 1024 * 1024;

describe('bad input against every admin API endpoint: 4xx in the OpenAI error shape, never 5xx, crash or hang', () => {
  let platform: ChaosPlatform;
  let token: string;
  let adminUrl: string;
  const ids = { key: '', team: '', user: '', budget: '' };
  let tried = 0;

  beforeAll(async () => {
    platform = await startChaosPlatform({ apps: ['admin-api'], env: { ADMIN_LOGIN_ATTEMPTS_PER_MINUTE: '100000', LOG_LEVEL: 'warn' } });
    adminUrl = platform.admin!.url;
    token = await adminToken(adminUrl, platform.adminEmail, platform.adminPassword);
    // Targets for the PATCH routes, never the bootstrap admin itself.
    const team = await adminCall<{ id: string }>(adminUrl, token, 'POST', '/admin/teams', { name: `chaos-${randomUUID()}` });
    const key = await adminCall<{ id: string }>(adminUrl, token, 'POST', '/admin/keys', { name: 'chaos fuzz target', team_id: team.body.id });
    const user = await adminCall<{ id: string }>(adminUrl, token, 'POST', '/admin/users', { email: `fuzz-${randomUUID().slice(0, 8)}@chaos.test`, password: 'a-long-password-123', role: 'viewer' });
    const budget = await adminCall<{ id: string }>(adminUrl, token, 'POST', '/admin/budgets', { scope: 'team', scope_id: team.body.id, period: 'monthly', limit_usd: '10' });
    expect([team.status, key.status, user.status, budget.status]).toEqual([201, 201, 201, 201]);
    Object.assign(ids, { key: key.body.id, team: team.body.id, user: user.body.id, budget: budget.body.id });
  });

  afterAll(async () => {
    recordChaos('bad input: admin-api', { requests: tried, badInputs: tried });
    await platform?.stop();
  });

  const call = (method: string, path: string, bad?: BadBody, auth = true) =>
    send(`${adminUrl}${path}`, {
      method,
      headers: { ...(auth ? { authorization: `Bearer ${token}` } : {}), ...(bad?.contentType ? { 'content-type': bad.contentType } : {}) },
      body: bad?.body,
    });

  const bodies: Array<{ method: string; path: () => string; base: Record<string, unknown>; auth?: boolean }> = [
    { method: 'POST', path: () => '/admin/auth/login', base: { email: 'nobody@chaos.test', password: 'not-the-password' }, auth: false },
    { method: 'POST', path: () => '/admin/keys', base: { name: 'fuzz', rpm_limit: 10, allowed_models: ['mock-1'], expires_at: '2030-01-01T00:00:00Z', metadata: { a: 'b' } } },
    { method: 'PATCH', path: () => `/admin/keys/${ids.key}`, base: { name: 'renamed', tpm_limit: 1000, scopes: ['chat'] } },
    { method: 'POST', path: () => `/admin/keys/${ids.key}/rotate`, base: { overlap_seconds: 60, expires_at: '2030-01-01T00:00:00Z' } },
    { method: 'POST', path: () => '/admin/teams', base: { name: 'fuzz team' } },
    { method: 'PATCH', path: () => `/admin/teams/${ids.team}`, base: { name: 'fuzz team renamed' } },
    { method: 'POST', path: () => '/admin/users', base: { email: 'fuzz@chaos.test', password: 'a-long-password-123', role: 'viewer' } },
    { method: 'PATCH', path: () => `/admin/users/${ids.user}`, base: { role: 'viewer' } },
    { method: 'POST', path: () => '/admin/budgets', base: { scope: 'team', scope_id: ids.team, period: 'monthly', limit_usd: '10', alert_thresholds: [50, 90] } },
    { method: 'PATCH', path: () => `/admin/budgets/${ids.budget}`, base: { limit_usd: '20', enforcement: 'soft' } },
    { method: 'POST', path: () => '/admin/circuit-breakers/reset', base: { provider: 'openai', model: 'mock-1' } },
    { method: 'POST', path: () => '/admin/usage/dead-letters/replay', base: { limit: 10 } },
  ];

  it.each(bodies.map((endpoint) => [`${endpoint.method} ${endpoint.path()}`, endpoint] as const))('%s', async (_, endpoint) => {
    await fc.assert(
      fc.asyncProperty(badBodies(endpoint.base), async (bad) => {
        tried += 1;
        const problem = refusalProblem(await call(endpoint.method, endpoint.path(), bad, endpoint.auth ?? true));
        if (problem) throw new Error(`${bad.kind}: ${problem}`);
      }),
      { numRuns: RUNS },
    );
    tried += 1;
    const oversized = await call(endpoint.method, endpoint.path(), oversizedBody(endpoint.base, ADMIN_BODY_LIMIT), endpoint.auth ?? true);
    expect(oversized.status).toBe(413);
    expect(refusalProblem(oversized)).toBeNull();
  });

  const lists: Array<{ path: string; params: string[] }> = [
    { path: '/admin/keys', params: ['limit', 'offset', 'team_id', 'status', 'name'] },
    { path: '/admin/teams', params: ['limit', 'offset', 'name'] },
    { path: '/admin/users', params: ['limit', 'offset', 'role'] },
    { path: '/admin/budgets', params: ['limit', 'offset', 'scope', 'scope_id'] },
    { path: '/admin/budgets/status', params: ['scope', 'scope_id'] },
    { path: '/admin/audit-log', params: ['limit', 'offset', 'actor', 'action', 'entity_type', 'from', 'to'] },
    { path: '/admin/usage', params: ['from', 'to', 'team_id', 'api_key_id'] },
    { path: '/admin/usage/report', params: ['from', 'to', 'group_by', 'team_id'] },
    { path: '/admin/usage/report.csv', params: ['from', 'to', 'group_by'] },
    { path: '/admin/usage/daily', params: ['from', 'to', 'days'] },
    { path: '/admin/usage/top-models', params: ['from', 'to', 'limit'] },
    { path: '/admin/usage/latency', params: ['from', 'to', 'model'] },
    { path: '/admin/usage/dead-letters', params: ['limit', 'offset'] },
    { path: '/admin/providers/models', params: ['capability', 'max_cost_per_1k'] },
    { path: '/admin/providers/alerts', params: ['limit'] },
    { path: '/admin/config', params: ['section'] },
  ];

  it.each(lists)('GET $path with odd query strings', async ({ path, params }) => {
    await fc.assert(
      fc.asyncProperty(badQueries(params), async (query) => {
        tried += 1;
        const problem = refusalProblem(await call('GET', `${path}?${query}`));
        if (problem) throw new Error(`?${query.slice(0, 200)}: ${problem}`);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  const byId = ['GET /admin/keys/:id', 'GET /admin/teams/:id', 'GET /admin/users/:id', 'GET /admin/budgets/:id', 'DELETE /admin/teams/:id', 'DELETE /admin/budgets/:id',
    'GET /admin/usage/workspaces/:id/costs', 'POST /admin/providers/:id/test', 'POST /admin/usage/dead-letters/:id/replay'];

  it.each(byId)('%s with ids that are not ids', async (route) => {
    const [method, template] = route.split(' ') as [string, string];
    await fc.assert(
      fc.asyncProperty(badPathParam, async (id) => {
        tried += 1;
        const problem = refusalProblem(await call(method, template.replace(':id', id)));
        if (problem) throw new Error(`id ${id.slice(0, 100)}: ${problem}`);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('is still alive and serving after all of it', async () => {
    expect(platform.admin!.child.exitCode).toBeNull();
    expect((await adminCall(adminUrl, token, 'GET', '/admin/teams')).status).toBe(200);
  });
});
