import { randomUUID } from 'node:crypto';
import { openTestDataSource } from '@llmgw/testing';
import type { DataSource } from 'typeorm';
import { ACCOUNTS_ENTITIES, ACCOUNTS_MIGRATIONS } from '../accounts.schema';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { TeamEntity } from '../entities/team.entity';
import { ApiKeyRepository } from './api-key.repository';
import { TeamRepository } from './team.repository';

describe('TeamRepository (real Postgres)', () => {
  let dataSource: DataSource;
  let teams: TeamRepository;
  let keys: ApiKeyRepository;

  beforeAll(async () => {
    dataSource = await openTestDataSource({ entities: ACCOUNTS_ENTITIES, migrations: ACCOUNTS_MIGRATIONS });
    teams = new TeamRepository(dataSource.getRepository(TeamEntity));
    keys = new ApiKeyRepository(dataSource.getRepository(ApiKeyEntity));
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('creates, pages by name, renames and refuses duplicate names', async () => {
    const tag = randomUUID();
    const a = await teams.create(`${tag} alpha`);
    const b = await teams.create(`${tag} beta`);
    expect(a.kind).toBe('ok');
    expect(await teams.create(`${tag} alpha`)).toEqual({ kind: 'name_taken' });
    const page = await teams.page({ name: tag.toUpperCase() }, { limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 2, items: [{ name: `${tag} beta` }] });
    if (a.kind !== 'ok' || b.kind !== 'ok') throw new Error('setup failed');
    expect(await teams.rename(a.team.id, `${tag} beta`)).toEqual({ kind: 'name_taken' });
    expect(await teams.rename(a.team.id, `${tag} gamma`)).toMatchObject({ kind: 'ok', team: { name: `${tag} gamma` } });
    expect(await teams.rename(randomUUID(), 'x')).toEqual({ kind: 'not_found' });
    expect(await teams.page({ name: '%' }, { limit: 1, offset: 0 })).toMatchObject({ total: 0 });
  });

  it('deletes an empty team but refuses one that still owns keys, revoked ones included', async () => {
    const created = await teams.create(`team-${randomUUID()}`);
    if (created.kind !== 'ok') throw new Error('setup failed');
    const key = await keys.create({ name: 'k', keyHash: randomUUID().replace(/-/g, '').padEnd(64, '0'), displayPrefix: 'sk-llmgw-abc', teamId: created.team.id });
    await keys.revoke(key.id);
    expect(await teams.delete(created.team.id)).toEqual({ kind: 'in_use', apiKeys: 1 });

    const empty = await teams.create(`team-${randomUUID()}`);
    if (empty.kind !== 'ok') throw new Error('setup failed');
    expect(await teams.delete(empty.team.id)).toMatchObject({ kind: 'ok', team: { id: empty.team.id } });
    expect(await teams.findById(empty.team.id)).toBeNull();
    expect(await teams.delete(empty.team.id)).toEqual({ kind: 'not_found' });
  });
});
