import { randomUUID } from 'node:crypto';
import { type AdminApiHarness, auditOf, expectError, type Json, startAdminApi } from '../testing/admin-api.harness';

describe('admin API: teams (real Postgres)', () => {
  let h: AdminApiHarness;

  beforeAll(async () => {
    h = await startAdminApi();
  });

  afterAll(async () => {
    await h?.close();
  });

  const createTeam = async (name: string) => {
    const response = await h.asAdmin('/admin/teams', 'POST', { name });
    expect(response.status).toBe(201);
    return (await response.json()) as Json;
  };

  it('creates, gets, lists with a filter and pagination, renames and deletes, each change audited', async () => {
    const tag = randomUUID();
    const team = await createTeam(`  ${tag} search  `);
    expect(team).toEqual({ id: expect.any(String), name: `${tag} search`, created_at: expect.any(String) });
    await createTeam(`${tag} support`);
    expect(await (await h.asViewer(`/admin/teams/${team.id}`)).json()).toEqual(team);

    const page = (await (await h.asViewer(`/admin/teams?name=${tag}&limit=1&offset=1`)).json()) as Json;
    expect(page).toMatchObject({ object: 'list', total: 2, limit: 1, offset: 1, has_more: false, data: [{ name: `${tag} support` }] });

    const renamed = (await (await h.asAdmin(`/admin/teams/${team.id}`, 'PATCH', { name: `${tag} platform` })).json()) as Json;
    expect(renamed).toEqual({ ...team, name: `${tag} platform` });
    const deleted = await h.asAdmin(`/admin/teams/${team.id}`, 'DELETE');
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ ...renamed, deleted: true });
    await expectError(await h.asViewer(`/admin/teams/${team.id}`), 404, 'not_found_error');

    const audit = await auditOf(h, 'team', team.id);
    expect(audit.map(({ action, before, after }) => ({ action, before, after }))).toEqual([
      { action: 'team.create', before: null, after: team },
      { action: 'team.rename', before: team, after: renamed },
      { action: 'team.delete', before: renamed, after: null },
    ]);
    expect(audit.every((entry) => entry.actor.email === h.admin.email && typeof entry.request_id === 'string')).toBe(true);
  });

  it('refuses to delete a team that owns keys, saying why', async () => {
    const team = await createTeam(`owner-${randomUUID()}`);
    const key = (await (await h.asAdmin('/admin/keys', 'POST', { name: 'team key', team_id: team.id })).json()) as Json;
    await h.asAdmin(`/admin/keys/${key.id}`, 'DELETE');
    const refusal = await expectError(await h.asAdmin(`/admin/teams/${team.id}`, 'DELETE'), 400, 'invalid_request_error');
    expect(refusal).toMatchObject({ code: 'team_has_api_keys', param: 'id' });
    expect(refusal.message).toMatch(/1 API key/);
    expect((await h.asViewer(`/admin/teams/${team.id}`)).status).toBe(200);
    expect((await auditOf(h, 'team', team.id)).map((entry) => entry.action)).toEqual(['team.create']);

    // Moving the key away makes the team deletable.
    const other = await createTeam(`other-${randomUUID()}`);
    expect((await h.asAdmin(`/admin/keys/${key.id}`, 'PATCH', { team_id: other.id })).status).toBe(200);
    expect((await h.asAdmin(`/admin/teams/${team.id}`, 'DELETE')).status).toBe(200);
  });

  it('validates names, refuses duplicates and answers 404 for unknown ids', async () => {
    const name = `dup-${randomUUID()}`;
    await createTeam(name);
    expect(await expectError(await h.asAdmin('/admin/teams', 'POST', { name }), 400, 'invalid_request_error')).toMatchObject({
      code: 'team_name_taken',
      param: 'name',
    });
    expect((await expectError(await h.asAdmin('/admin/teams', 'POST', { name: '   ' }), 400, 'invalid_request_error')).param).toBe('name');
    expect((await expectError(await h.asAdmin('/admin/teams', 'POST', { name: 'x', id: randomUUID() }), 400, 'invalid_request_error')).code).toBe(
      'unrecognized_keys',
    );
    await expectError(await h.asAdmin(`/admin/teams/${randomUUID()}`, 'PATCH', { name: 'x' }), 404, 'not_found_error');
    await expectError(await h.asAdmin(`/admin/teams/${randomUUID()}`, 'DELETE'), 404, 'not_found_error');
    expect((await expectError(await h.asViewer('/admin/teams?limit=1000'), 400, 'invalid_request_error')).param).toBe('limit');
  });
});
