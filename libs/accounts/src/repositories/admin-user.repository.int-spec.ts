import { randomUUID } from 'node:crypto';
import { openTestDataSource } from '@llmgw/testing';
import type { DataSource } from 'typeorm';
import { ACCOUNTS_ENTITIES, ACCOUNTS_MIGRATIONS } from '../accounts.schema';
import { AdminUserEntity } from '../entities/admin-user.entity';
import { verifyPassword } from '../secrets/password.hasher';
import { AdminUserRepository } from './admin-user.repository';

describe('AdminUserRepository (real Postgres)', () => {
  let dataSource: DataSource;
  let users: AdminUserRepository;

  beforeAll(async () => {
    dataSource = await openTestDataSource({ entities: ACCOUNTS_ENTITIES, migrations: ACCOUNTS_MIGRATIONS });
    users = new AdminUserRepository(dataSource.getRepository(AdminUserEntity));
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  const uniqueEmail = () => `Admin-${randomUUID()}@Example.test`;

  it('creates a user with a hashed password and finds it by email, case-insensitively', async () => {
    const email = uniqueEmail();
    const created = await users.create({ email, password: 'a long viewer password', role: 'viewer' });
    expect(created).toMatchObject({ email: email.toLowerCase(), role: 'viewer' });
    expect(created?.passwordHash).not.toContain('a long viewer password');
    await expect(verifyPassword('a long viewer password', created!.passwordHash)).resolves.toBe(true);

    expect((await users.findByEmail(email.toUpperCase()))?.id).toBe(created?.id);
    expect(await users.findByEmail(uniqueEmail())).toBeNull();
    expect(await users.create({ email: email.toUpperCase(), password: 'another password', role: 'admin' })).toBeNull();
  });

  it('refuses a role outside admin and viewer', async () => {
    await expect(
      users.create({ email: uniqueEmail(), password: 'whatever password', role: 'owner' as never }),
    ).rejects.toThrow(/admin_users_role_check/);
  });

  it('ensures the bootstrap admin once and never changes an existing password', async () => {
    const email = uniqueEmail();
    const results = await Promise.all([
      users.ensureBootstrapAdmin(email, 'first password 123'),
      users.ensureBootstrapAdmin(email, 'first password 123'),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await users.ensureBootstrapAdmin(email, 'second password 456')).toBe(false);

    const rows: Array<{ role: string; password_hash: string }> = await dataSource.query(
      'SELECT role, password_hash FROM admin_users WHERE email = $1',
      [email.toLowerCase()],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.role).toBe('admin');
    await expect(verifyPassword('first password 123', rows[0]!.password_hash)).resolves.toBe(true);
  });
});

describe('AdminUserRepository: the last admin (real Postgres)', () => {
  let dataSource: DataSource;
  let users: AdminUserRepository;

  beforeAll(async () => {
    dataSource = await openTestDataSource({ entities: ACCOUNTS_ENTITIES, migrations: ACCOUNTS_MIGRATIONS });
    users = new AdminUserRepository(dataSource.getRepository(AdminUserEntity));
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  class Rollback extends Error {}

  // Other suites share the table, so "the last admin" is made inside a transaction that is
  // rolled back: everyone else's admins are demoted only in this test's snapshot.
  async function asOnlyAdmin(work: (tx: AdminUserRepository, id: string) => Promise<void>): Promise<void> {
    await dataSource
      .transaction(async (manager) => {
        const tx = users.withManager(manager);
        const me = await tx.create({ email: `only-${randomUUID()}@example.test`, password: 'only admin password', role: 'admin' });
        await manager.query("UPDATE admin_users SET role = 'viewer' WHERE role = 'admin' AND id <> $1", [me!.id]);
        await work(tx, me!.id);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
  }

  it('never demotes or deletes the last admin', async () => {
    let checked = false;
    await asOnlyAdmin(async (tx, id) => {
      expect(await tx.changeRole(id, 'viewer')).toEqual({ kind: 'last_admin' });
      expect(await tx.delete(id)).toEqual({ kind: 'last_admin' });
      expect((await tx.findById(id))?.role).toBe('admin');
      checked = true;
    });
    expect(checked).toBe(true);
  });

  it('changes roles, lists by role and deletes while other admins remain', async () => {
    const a = await users.create({ email: `a-${randomUUID()}@example.test`, password: 'first admin password', role: 'admin' });
    const b = await users.create({ email: `b-${randomUUID()}@example.test`, password: 'second admin password', role: 'admin' });
    const demoted = await dataSource.transaction((m) => users.withManager(m).changeRole(a!.id, 'viewer'));
    expect(demoted).toMatchObject({ kind: 'ok', before: { role: 'admin' }, after: { role: 'viewer' } });
    const viewers = await users.page({ role: 'viewer', email: a!.email.toUpperCase() }, { limit: 5, offset: 0 });
    expect(viewers).toMatchObject({ total: 1, items: [{ id: a!.id }] });
    expect(await dataSource.transaction((m) => users.withManager(m).delete(b!.id))).toMatchObject({ kind: 'ok', after: null });
    expect(await users.findById(b!.id)).toBeNull();
    expect(await dataSource.transaction((m) => users.withManager(m).delete(b!.id))).toEqual({ kind: 'not_found' });
  });
});
