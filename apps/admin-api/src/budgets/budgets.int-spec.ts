import { randomUUID } from 'node:crypto';
import { type AdminApiHarness, auditOf, expectError, type Json, startAdminApi, withDatabase } from '../testing/admin-api.harness';

const today = () => new Date().toISOString().slice(0, 10);

describe('admin API: budgets (real Postgres)', () => {
  let h: AdminApiHarness;
  let team: Json;
  let key: Json;

  beforeAll(async () => {
    h = await startAdminApi();
    team = (await (await h.asAdmin('/admin/teams', 'POST', { name: `budgets-${randomUUID()}` })).json()) as Json;
    key = (await (await h.asAdmin('/admin/keys', 'POST', { name: 'budgeted', team_id: team.id })).json()) as Json;
  });

  afterAll(async () => {
    await h?.close();
  });

  const create = async (body: Json) => {
    const response = await h.asAdmin('/admin/budgets', 'POST', body);
    expect(response.status).toBe(201);
    return (await response.json()) as Json;
  };

  it('creates a budget from a USD decimal string, exact to the nano-dollar, and audits it', async () => {
    const budget = await create({ scope: 'team', scope_id: team.id, period: 'monthly', limit_usd: '1234.567891234', enforcement: 'hard' });
    expect(budget).toMatchObject({
      scope: 'team',
      scope_id: team.id,
      period: 'monthly',
      enforcement: 'hard',
      limit_nano_usd: '1234567891234',
      limit_usd: '1234.567891234',
      alert_thresholds: [50, 80, 100],
    });
    expect(await (await h.asViewer(`/admin/budgets/${budget.id}`)).json()).toEqual(budget);
    const audit = await auditOf(h, 'budget', budget.id as string);
    expect(audit.map((entry) => entry.action)).toEqual(['budget.create']);
    expect(audit[0]).toMatchObject({ actor: { email: h.admin.email }, before: null, after: { limit_nano_usd: '1234567891234' } });
  });

  it('takes integer nano-USD strings and refuses floats, both forms at once, zero and unknown scopes', async () => {
    const budget = await create({ scope: 'key', scope_id: key.id, period: 'daily', limit_nano_usd: '2500000000', alert_thresholds: [90, 25, 25] });
    expect(budget).toMatchObject({ limit_usd: '2.500000000', enforcement: 'soft', alert_thresholds: [25, 90] });
    const bad = [
      { scope: 'key', scope_id: key.id, period: 'daily', limit_usd: 12.5 },
      { scope: 'key', scope_id: key.id, period: 'daily', limit_usd: '1', limit_nano_usd: '1000000000' },
      { scope: 'key', scope_id: key.id, period: 'daily', limit_usd: '0' },
      { scope: 'key', scope_id: key.id, period: 'daily', limit_usd: '1.0000000001' },
      { scope: 'key', scope_id: key.id, period: 'weekly', limit_usd: '1' },
      { scope: 'key', scope_id: key.id, period: 'daily' },
    ];
    for (const body of bad) await expectError(await h.asAdmin('/admin/budgets', 'POST', body), 400, 'invalid_request_error');
    const unknown = await expectError(
      await h.asAdmin('/admin/budgets', 'POST', { scope: 'team', scope_id: randomUUID(), period: 'daily', limit_usd: '1' }),
      400,
      'invalid_request_error',
    );
    expect(unknown).toMatchObject({ param: 'scope_id', code: 'budget_scope_not_found' });
  });

  it('lists with filters and pagination', async () => {
    const scopedTeam = (await (await h.asAdmin('/admin/teams', 'POST', { name: `budgets-list-${randomUUID()}` })).json()) as Json;
    const made = [];
    for (const period of ['daily', 'monthly', 'monthly']) made.push(await create({ scope: 'team', scope_id: scopedTeam.id, period, limit_usd: '10' }));
    const page = (await (await h.asViewer(`/admin/budgets?scope_id=${scopedTeam.id}&period=monthly&limit=1`)).json()) as Json;
    expect(page).toMatchObject({ object: 'list', total: 2, limit: 1, offset: 0, has_more: true });
    expect(page.data.map((budget: Json) => budget.id)).toEqual([made[1]!.id]);
    const rest = (await (await h.asViewer(`/admin/budgets?scope_id=${scopedTeam.id}&period=monthly&limit=1&offset=1`)).json()) as Json;
    expect(rest.data.map((budget: Json) => budget.id)).toEqual([made[2]!.id]);
    await expectError(await h.asViewer('/admin/budgets?scope=workspace'), 400, 'invalid_request_error');
  });

  it('updates and deletes with before and after in the audit log; 404 for unknown or malformed ids', async () => {
    const budget = await create({ scope: 'team', scope_id: team.id, period: 'daily', limit_usd: '5' });
    const updated = await h.asAdmin(`/admin/budgets/${budget.id}`, 'PATCH', { limit_usd: '7.25', enforcement: 'hard' });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ limit_nano_usd: '7250000000', enforcement: 'hard', scope_id: team.id });
    await expectError(await h.asAdmin(`/admin/budgets/${budget.id}`, 'PATCH', {}), 400, 'invalid_request_error');
    await expectError(await h.asAdmin(`/admin/budgets/${budget.id}`, 'PATCH', { scope_id: randomUUID() }), 400, 'invalid_request_error');
    const deleted = await h.asAdmin(`/admin/budgets/${budget.id}`, 'DELETE');
    expect(await deleted.json()).toMatchObject({ id: budget.id, deleted: true });
    await expectError(await h.asViewer(`/admin/budgets/${budget.id}`), 404, 'not_found_error');
    await expectError(await h.asViewer('/admin/budgets/not-a-uuid'), 404, 'not_found_error');
    await expectError(await h.asAdmin(`/admin/budgets/${randomUUID()}`, 'DELETE'), 404, 'not_found_error');
    const audit = await auditOf(h, 'budget', budget.id as string);
    expect(audit.map((entry) => entry.action)).toEqual(['budget.create', 'budget.update', 'budget.delete']);
    expect(audit[1]).toMatchObject({ before: { limit_usd: '5.000000000', enforcement: 'soft' }, after: { limit_usd: '7.250000000', enforcement: 'hard' } });
    expect(audit[2]).toMatchObject({ after: null });
  });

  it('refuses writes to a viewer', async () => {
    await expectError(await h.asViewer('/admin/budgets', 'POST', { scope: 'team', scope_id: team.id, period: 'daily', limit_usd: '1' }), 403, 'permission_error');
  });

  it('reports each budget burn this period from the daily roll-up, and the latest alerts', async () => {
    const burnTeam = (await (await h.asAdmin('/admin/teams', 'POST', { name: `burn-${randomUUID()}` })).json()) as Json;
    const daily = await create({ scope: 'team', scope_id: burnTeam.id, period: 'daily', limit_usd: '3', alert_thresholds: [50, 80] });
    const monthly = await create({ scope: 'team', scope_id: burnTeam.id, period: 'monthly', limit_usd: '100' });
    await withDatabase(async (db) => {
      // 2.4 USD today (two rows) and, when today is not the 1st, 1 USD earlier this month.
      for (const cost of ['1400000000', '1000000000'])
        await db.query(`INSERT INTO usage_daily_spend (day, team_id, provider, model, requests, cost_nano_usd) VALUES ($1, $2, 'mock', $3, 1, $4)`, [
          today(),
          burnTeam.id,
          `m-${randomUUID()}`,
          cost,
        ]);
      await db.query(`INSERT INTO budget_alerts (budget_id, period_start, threshold, spent_nano_usd, limit_nano_usd) VALUES ($1, $2, 80, 2400000000, 3000000000)`, [
        daily.id,
        `${today()}T00:00:00Z`,
      ]);
    });
    const status = (await (await h.asViewer(`/admin/budgets/status?scope=team&scope_id=${burnTeam.id}`)).json()) as Json;
    expect(status.object).toBe('budget.status');
    const byId = new Map((status.data as Json[]).map((line) => [line.id, line]));
    expect(byId.get(daily.id)).toMatchObject({
      spent_nano_usd: '2400000000',
      spent_usd: '2.400000000',
      remaining_usd: '0.600000000',
      percent_used: 80,
      state: 'warning',
      period_start: `${today()}T00:00:00.000Z`,
    });
    expect(byId.get(monthly.id)).toMatchObject({ spent_usd: '2.400000000', percent_used: 2.4, state: 'ok' });
    expect(status.alerts).toEqual([
      expect.objectContaining({ budget_id: daily.id, threshold: 80, spent_usd: '2.400000000', limit_usd: '3.000000000', delivered_at: null }),
    ]);
  });
});
