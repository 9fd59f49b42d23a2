import { randomUUID } from 'node:crypto';
import { openTestDataSource } from '@llmgw/testing';
import type { DataSource } from 'typeorm';
import { ACCOUNTS_ENTITIES, ACCOUNTS_MIGRATIONS } from '../accounts.schema';
import { AuditLogEntity } from '../entities/audit-log.entity';
import { AuditLogRepository, type NewAuditEntry } from './audit-log.repository';

describe('AuditLogRepository (real Postgres)', () => {
  let dataSource: DataSource;
  let audit: AuditLogRepository;

  beforeAll(async () => {
    dataSource = await openTestDataSource({ entities: ACCOUNTS_ENTITIES, migrations: ACCOUNTS_MIGRATIONS });
    audit = new AuditLogRepository(dataSource.getRepository(AuditLogEntity));
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  const entry = (resourceId: string, overrides: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
    actorId: randomUUID(),
    actorEmail: 'auditor@example.test',
    action: 'team.create',
    resourceType: 'team',
    resourceId,
    before: null,
    after: { name: 'x' },
    requestId: randomUUID(),
    ...overrides,
  });

  it('appends entries and pages them newest first with filters', async () => {
    const resourceId = randomUUID();
    await audit.append(entry(resourceId));
    await audit.append(entry(resourceId, { action: 'team.rename', before: { name: 'x' }, after: { name: 'y' } }));
    await audit.append(entry(resourceId, { action: 'team.delete', before: { name: 'y' }, after: null }));

    const all = await audit.page({ resourceType: 'team', resourceId }, { limit: 2, offset: 0 });
    expect(all.total).toBe(3);
    expect(all.items.map((item) => item.action)).toEqual(['team.delete', 'team.rename']);
    const rest = await audit.page({ resourceType: 'team', resourceId }, { limit: 2, offset: 2 });
    expect(rest.items.map((item) => item.action)).toEqual(['team.create']);

    const renames = await audit.page({ resourceId, action: 'team.rename' }, { limit: 10, offset: 0 });
    expect(renames.items).toEqual([expect.objectContaining({ before: { name: 'x' }, after: { name: 'y' } })]);
    const future = await audit.page({ resourceId, from: new Date(Date.now() + 60_000) }, { limit: 10, offset: 0 });
    expect(future.total).toBe(0);
    const byEmail = await audit.page({ resourceId, actor: 'AUDITOR@example.test' }, { limit: 10, offset: 0 });
    expect(byEmail.total).toBe(3);
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    const resourceId = randomUUID();
    await audit.append(entry(resourceId));
    await expect(
      dataSource.query("UPDATE audit_log SET action = 'forged' WHERE resource_id = $1", [resourceId]),
    ).rejects.toThrow(/append-only \(UPDATE refused\)/);
    await expect(dataSource.query('DELETE FROM audit_log WHERE resource_id = $1', [resourceId])).rejects.toThrow(
      /append-only \(DELETE refused\)/,
    );
    await expect(dataSource.query('TRUNCATE audit_log')).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
    expect((await audit.page({ resourceId }, { limit: 10, offset: 0 })).items[0]?.action).toBe('team.create');
  });
});
