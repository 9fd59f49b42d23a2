import { randomUUID } from 'node:crypto';
import { openTestDataSource } from '@llmgw/testing';
import type { DataSource } from 'typeorm';
import { ACCOUNTS_ENTITIES, ACCOUNTS_MIGRATIONS } from '../accounts.schema';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { TeamEntity } from '../entities/team.entity';
import { displayPrefix, generateApiKeySecret, hashApiKey } from '../secrets/api-key.secret';
import { ApiKeyRepository } from './api-key.repository';

const HASH_SECRET = 'int-spec-hash-secret-0123456789';

describe('ApiKeyRepository (real Postgres)', () => {
  let dataSource: DataSource;
  let keys: ApiKeyRepository;

  beforeAll(async () => {
    dataSource = await openTestDataSource({ entities: ACCOUNTS_ENTITIES, migrations: ACCOUNTS_MIGRATIONS });
    keys = new ApiKeyRepository(dataSource.getRepository(ApiKeyEntity));
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  const newKey = (teamId: string | null = null) => {
    const secret = generateApiKeySecret();
    return {
      secret,
      input: {
        name: `key ${randomUUID()}`,
        keyHash: hashApiKey(secret, HASH_SECRET),
        displayPrefix: displayPrefix(secret),
        teamId,
        createdBy: 'int-spec',
      },
    };
  };

  it('creates a key and finds it by hash, without storing the secret', async () => {
    const { secret, input } = newKey();
    const created = await keys.create(input);
    expect(created).toMatchObject({
      name: input.name,
      keyHash: input.keyHash,
      displayPrefix: secret.slice(0, 12),
      teamId: null,
      revokedAt: null,
      createdBy: 'int-spec',
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.createdAt).toBeInstanceOf(Date);

    expect((await keys.findActiveByHash(input.keyHash))?.id).toBe(created.id);
    expect(await keys.findActiveByHash(hashApiKey(generateApiKeySecret(), HASH_SECRET))).toBeNull();
    const stored = await dataSource.query('SELECT * FROM api_keys WHERE id = $1', [created.id]);
    expect(JSON.stringify(stored)).not.toContain(secret);
  });

  it('refuses two keys with the same hash', async () => {
    const { input } = newKey();
    await keys.create(input);
    await expect(keys.create({ ...input, name: 'duplicate' })).rejects.toThrow(/api_keys_key_hash_key/);
  });

  it('links a key to a team and lists keys of that team', async () => {
    const team = await dataSource.getRepository(TeamEntity).save({ name: `team ${randomUUID()}` });
    const { input } = newKey(team.id);
    const created = await keys.create(input);
    expect(created.teamId).toBe(team.id);
    expect((await keys.list({ teamId: team.id })).map((key) => key.id)).toEqual([created.id]);
    expect((await keys.list()).some((key) => key.id === created.id)).toBe(true);
    await expect(keys.create({ ...newKey(randomUUID()).input })).rejects.toThrow(/api_keys_team_id_fkey/);
  });

  it('revokes once: the key is no longer active and the first revocation time stays', async () => {
    const { input } = newKey();
    const created = await keys.create(input);
    const first = new Date('2030-01-01T00:00:00Z');
    const revoked = await keys.revoke(created.id, first);
    expect(revoked?.revokedAt?.toISOString()).toBe(first.toISOString());
    expect(await keys.findActiveByHash(input.keyHash)).toBeNull();
    expect((await keys.findByHash(input.keyHash))?.id).toBe(created.id);

    const again = await keys.revoke(created.id, new Date('2031-01-01T00:00:00Z'));
    expect(again?.revokedAt?.toISOString()).toBe(first.toISOString());
  });

  it('answers null when revoking or finding an unknown id', async () => {
    expect(await keys.revoke(randomUUID())).toBeNull();
    expect(await keys.revoke('not-a-uuid')).toBeNull();
    expect(await keys.findById('not-a-uuid')).toBeNull();
  });

  it('records the last use', async () => {
    const created = await keys.create(newKey().input);
    const at = new Date('2029-06-01T12:00:00Z');
    await keys.markUsed(created.id, at);
    expect((await keys.findById(created.id))?.lastUsedAt?.toISOString()).toBe(at.toISOString());
  });

  it('ensures the bootstrap key exactly once, even when two processes boot at once', async () => {
    const secret = generateApiKeySecret();
    const other = new ApiKeyRepository(dataSource.getRepository(ApiKeyEntity));
    const [first, second] = await Promise.all([
      keys.ensureBootstrapKey(secret, HASH_SECRET),
      other.ensureBootstrapKey(secret, HASH_SECRET),
    ]);
    expect(first.id).toBe(second.id);
    expect(first.scopes).toEqual(['admin']); // the operator's key
    const keyHash = hashApiKey(secret, HASH_SECRET);
    const rows = await dataSource.query('SELECT id, display_prefix FROM api_keys WHERE key_hash = $1', [keyHash]);
    expect(rows).toEqual([{ id: first.id, display_prefix: secret.slice(0, 12) }]);

    // A revoked bootstrap key stays revoked on the next boot.
    await keys.revoke(first.id);
    const rebooted = await keys.ensureBootstrapKey(secret, HASH_SECRET);
    expect(rebooted.id).toBe(first.id);
    expect(rebooted.revokedAt).not.toBeNull();
  });
});
