import { randomUUID } from 'node:crypto';
import { type AdminApiHarness, auditOf, expectError, type Json, startAdminApi, withDatabase } from '../testing/admin-api.harness';

describe('admin API: admin users (real Postgres)', () => {
  let h: AdminApiHarness;

  beforeAll(async () => {
    h = await startAdminApi();
  });

  afterAll(async () => {
    await h?.close();
  });

  const newUser = (role: 'admin' | 'viewer') => ({ email: `User-${randomUUID()}@Int.test`, password: 'a long enough password', role });

  it('creates a user who can log in; the password is hashed and never shown or audited', async () => {
    const input = newUser('viewer');
    const response = await h.asAdmin('/admin/users', 'POST', input);
    expect(response.status).toBe(201);
    const user = (await response.json()) as Json;
    expect(user).toEqual({ id: expect.any(String), email: input.email.toLowerCase(), role: 'viewer', created_at: expect.any(String) });
    expect((await h.login(input)).status).toBe(200);

    const [hash] = await withDatabase((db) => db.query('SELECT password_hash FROM admin_users WHERE id = $1', [user.id]));
    expect(hash.password_hash).toMatch(/^scrypt\$/);
    const audit = await auditOf(h, 'admin_user', user.id);
    expect(audit).toEqual([expect.objectContaining({ action: 'admin_user.create', before: null, after: user })]);
    expect(JSON.stringify(audit)).not.toMatch(/a long enough password|scrypt\$/);
    expect(JSON.stringify(await (await h.asViewer(`/admin/users/${user.id}`)).json())).not.toMatch(/password/);
  });

  it('lists with filters and pagination', async () => {
    const input = newUser('admin');
    await h.asAdmin('/admin/users', 'POST', input);
    const found = (await (await h.asViewer(`/admin/users?role=admin&email=${encodeURIComponent(input.email)}`)).json()) as Json;
    expect(found).toMatchObject({ object: 'list', total: 1, data: [{ email: input.email.toLowerCase(), role: 'admin' }] });
    expect(((await (await h.asViewer(`/admin/users?role=viewer&email=${encodeURIComponent(input.email)}`)).json()) as Json).total).toBe(0);
    expect((await expectError(await h.asViewer('/admin/users?role=owner'), 400, 'invalid_request_error')).param).toBe('role');
  });

  it('changes a role (taking effect on the next request) and deletes a user (whose token stops working)', async () => {
    const input = newUser('admin');
    const user = (await (await h.asAdmin('/admin/users', 'POST', input)).json()) as Json;
    const token = ((await (await h.login(input)).json()) as Json).access_token as string;
    expect((await h.call('/admin/teams', { method: 'POST', token, body: { name: `t-${randomUUID()}` } })).status).toBe(201);

    const demoted = (await (await h.asAdmin(`/admin/users/${user.id}`, 'PATCH', { role: 'viewer' })).json()) as Json;
    expect(demoted).toEqual({ ...user, role: 'viewer' });
    await expectError(await h.call('/admin/teams', { method: 'POST', token, body: { name: `t-${randomUUID()}` } }), 403, 'permission_error');

    expect(await (await h.asAdmin(`/admin/users/${user.id}`, 'DELETE')).json()).toEqual({ ...demoted, deleted: true });
    await expectError(await h.call('/admin/teams', { token }), 401, 'authentication_error');
    const audit = await auditOf(h, 'admin_user', user.id);
    expect(audit.map(({ action, before, after }) => ({ action, before, after }))).toEqual([
      { action: 'admin_user.create', before: null, after: user },
      { action: 'admin_user.change_role', before: user, after: demoted },
      { action: 'admin_user.delete', before: demoted, after: null },
    ]);
  });

  it('validates input and refuses duplicates and unknown ids', async () => {
    const param = async (body: unknown) => (await expectError(await h.asAdmin('/admin/users', 'POST', body), 400, 'invalid_request_error')).param;
    expect(await param({ ...newUser('viewer'), email: 'not-an-email' })).toBe('email');
    expect(await param({ ...newUser('viewer'), password: 'short' })).toBe('password');
    expect(await param({ ...newUser('viewer'), role: 'owner' })).toBe('role');
    const input = newUser('viewer');
    await h.asAdmin('/admin/users', 'POST', input);
    expect((await expectError(await h.asAdmin('/admin/users', 'POST', { ...input, email: input.email.toUpperCase() }), 400, 'invalid_request_error')).code).toBe('email_taken');
    await expectError(await h.asAdmin(`/admin/users/${randomUUID()}`, 'PATCH', { role: 'admin' }), 404, 'not_found_error');
    await expectError(await h.asAdmin(`/admin/users/${randomUUID()}`, 'DELETE'), 404, 'not_found_error');
  });

  it('is for admins only to change: a viewer may read but not create', async () => {
    expect((await h.asViewer('/admin/users')).status).toBe(200);
    await expectError(await h.asViewer('/admin/users', 'POST', newUser('admin')), 403, 'permission_error');
  });
});
