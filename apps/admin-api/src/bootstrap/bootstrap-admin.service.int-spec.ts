import { randomUUID } from 'node:crypto';
import type { ConfigService } from '@nestjs/config';
import {
  ACCOUNTS_ENTITIES,
  ACCOUNTS_MIGRATIONS,
  AdminUserEntity,
  AdminUserRepository,
  verifyPassword,
} from '@llmgw/accounts';
import type { AdminConfig } from '@llmgw/config';
import { openTestDataSource } from '@llmgw/testing';
import type { DataSource } from 'typeorm';
import { BootstrapAdminService } from './bootstrap-admin.service';

describe('BootstrapAdminService (real Postgres)', () => {
  let dataSource: DataSource;
  let users: AdminUserRepository;

  beforeAll(async () => {
    dataSource = await openTestDataSource({ entities: ACCOUNTS_ENTITIES, migrations: ACCOUNTS_MIGRATIONS });
    users = new AdminUserRepository(dataSource.getRepository(AdminUserEntity));
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  const serviceWith = (settings: Partial<AdminConfig>) =>
    new BootstrapAdminService(users, { get: (key: keyof AdminConfig) => settings[key] } as unknown as ConfigService<
      AdminConfig,
      true
    >);

  /** Runs one boot and returns what it printed to stdout. */
  async function boot(settings: Partial<AdminConfig>): Promise<string> {
    const printed: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      await serviceWith(settings).onApplicationBootstrap();
    } finally {
      spy.mockRestore();
    }
    return printed.join('');
  }

  it('without ADMIN_PASSWORD, creates the admin with a generated password and prints it once', async () => {
    const email = `demo-${randomUUID()}@int.test`;
    const first = await boot({ ADMIN_EMAIL: email });
    const password = /password {2}(\S+)/.exec(first)?.[1];
    expect(password).toMatch(/^[\w-]{24}$/);
    expect(first).toContain(email);
    const admin = await users.findByEmail(email);
    expect(admin?.role).toBe('admin');
    await expect(verifyPassword(password!, admin!.passwordHash)).resolves.toBe(true);

    expect(await boot({ ADMIN_EMAIL: email })).toBe('');
    await expect(verifyPassword(password!, (await users.findByEmail(email))!.passwordHash)).resolves.toBe(true);
  });

  it('with ADMIN_PASSWORD, creates the admin with it and prints nothing', async () => {
    const email = `ops-${randomUUID()}@int.test`;
    const printed = await boot({ ADMIN_EMAIL: email, ADMIN_PASSWORD: 'chosen password 0123' });
    expect(printed).not.toContain('chosen password');
    expect(printed).not.toContain('shown ONCE');
    await expect(verifyPassword('chosen password 0123', (await users.findByEmail(email))!.passwordHash)).resolves.toBe(
      true,
    );
  });
});
