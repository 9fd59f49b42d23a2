import { createHmac, randomUUID } from 'node:crypto';
import { ApiKeyRepository } from '@llmgw/accounts';
import { ApiKeyAuthenticator, type KeyRevocationBus } from '@llmgw/auth';
import { RedisControlChannel } from '@llmgw/control-bus';
import { CHANNELS } from '@llmgw/contracts';
import { eventually, TEST_REDIS_URL } from '@llmgw/testing';
import { type AdminApiHarness, auditOf, expectError, HARNESS_HASH_SECRET, type Json, startAdminApi, withDatabase } from '../testing/admin-api.harness';

describe('admin API: API keys (real Postgres and Redis)', () => {
  let h: AdminApiHarness;
  let bus: RedisControlChannel;
  const published: string[] = [];

  beforeAll(async () => {
    h = await startAdminApi({ KEY_ROTATION_OVERLAP_SECONDS: '3600' });
    bus = new RedisControlChannel(TEST_REDIS_URL, CHANNELS.apiKeyRevoked);
    await bus.subscribe((id) => published.push(id));
  });

  afterAll(async () => {
    await bus?.close();
    await h?.close();
  });

  const createKey = async (body: Json) => {
    const response = await h.asAdmin('/admin/keys', 'POST', body);
    expect(response.status).toBe(201);
    return (await response.json()) as Json;
  };
  const hashOf = (secret: string) => createHmac('sha256', HASH_SECRET).update(secret).digest('hex');
  const HASH_SECRET = HARNESS_HASH_SECRET;

  it('creates a key with its whole policy; the secret is shown once and never stored or audited', async () => {
    const team = (await (await h.asAdmin('/admin/teams', 'POST', { name: `keys-${randomUUID()}` })).json()) as Json;
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const key = await createKey({
      name: 'billing service',
      team_id: team.id,
      expires_at: expiresAt,
      allowed_models: ['gpt-4o-mini', 'anthropic'],
      rpm_limit: 60,
      tpm_limit: 100_000,
      routing_strategy: 'cost_optimized',
      guardrail_policy: { pii: 'redact' },
      scopes: ['admin', 'admin'],
      metadata: { owner: 'billing', cost_center: 42 },
    });
    expect(key).toMatchObject({
      name: 'billing service',
      key: expect.stringMatching(/^sk-llmgw-[0-9A-Za-z]{40}$/),
      team_id: team.id,
      expires_at: expiresAt,
      expired: false,
      allowed_models: ['gpt-4o-mini', 'anthropic'],
      rpm_limit: 60,
      tpm_limit: 100_000,
      routing_strategy: 'cost_optimized',
      guardrail_policy: { pii: 'redact' },
      scopes: ['admin'],
      metadata: { owner: 'billing', cost_center: 42 },
      created_by: h.admin.email,
      revoked_at: null,
      rotated_from: null,
    });
    expect(key.display_prefix).toBe(key.key.slice(0, 12));

    const fetched = (await (await h.asViewer(`/admin/keys/${key.id}`)).json()) as Json;
    const { key: secret, ...view } = key;
    expect(fetched).toEqual(view);
    const audit = await auditOf(h, 'api_key', key.id);
    expect(audit).toEqual([expect.objectContaining({ action: 'api_key.create', before: null, after: view, actor: expect.objectContaining({ email: h.admin.email }) })]);
    expect(audit[0]!.request_id).toEqual(expect.any(String));
    for (const body of [JSON.stringify(fetched), JSON.stringify(audit)]) {
      expect(body).not.toContain(secret);
      expect(body).not.toContain(hashOf(secret));
    }
    const stored = await withDatabase((db) => db.query('SELECT key_hash FROM api_keys WHERE id = $1', [key.id]));
    expect(stored).toEqual([{ key_hash: hashOf(secret) }]);
  });

  it('lists with filters and pagination, prefix only', async () => {
    const name = `list-${randomUUID()}`;
    const [a, b, c] = [await createKey({ name }), await createKey({ name }), await createKey({ name })];
    await h.asAdmin(`/admin/keys/${b!.id}`, 'DELETE');
    const page = (await (await h.asViewer(`/admin/keys?name=${name}&limit=2`)).json()) as Json;
    expect(page).toMatchObject({ object: 'list', total: 3, limit: 2, offset: 0, has_more: true });
    expect(page.data.map((item: Json) => item.id)).toEqual([c!.id, b!.id]);
    expect(JSON.stringify(page)).not.toContain(a!.key);
    const active = (await (await h.asViewer(`/admin/keys?name=${name}&revoked=false`)).json()) as Json;
    expect(active.data.map((item: Json) => item.id).sort()).toEqual([a!.id, c!.id].sort());
    const revoked = (await (await h.asViewer(`/admin/keys?name=${name}&revoked=true&offset=0`)).json()) as Json;
    expect(revoked.data.map((item: Json) => item.id)).toEqual([b!.id]);
    expect(((await (await h.asViewer(`/admin/keys?name=${name}&expired=true`)).json()) as Json).total).toBe(0);
    expect((await expectError(await h.asViewer('/admin/keys?revoked=maybe'), 400, 'invalid_request_error')).param).toBe('revoked');
    expect((await expectError(await h.asViewer('/admin/keys?limit=0'), 400, 'invalid_request_error')).param).toBe('limit');
    expect((await expectError(await h.asViewer('/admin/keys?colour=red'), 400, 'invalid_request_error')).code).toBe('unrecognized_keys');
  });

  it('validates every field', async () => {
    const param = async (body: unknown) => (await expectError(await h.asAdmin('/admin/keys', 'POST', body), 400, 'invalid_request_error')).param;
    expect(await param({ name: '' })).toBe('name');
    expect(await param({ name: 'x', team_id: 'nope' })).toBe('team_id');
    expect(await param({ name: 'x', team_id: randomUUID() })).toBe('team_id');
    expect(await param({ name: 'x', expires_at: '2001-01-01T00:00:00Z' })).toBe('expires_at');
    expect(await param({ name: 'x', rpm_limit: 0 })).toBe('rpm_limit');
    expect(await param({ name: 'x', tpm_limit: 1.5 })).toBe('tpm_limit');
    expect(await param({ name: 'x', routing_strategy: 'random' })).toBe('routing_strategy');
    expect(await param({ name: 'x', guardrail_policy: 'strict' })).toBe('guardrail_policy');
    expect(await param({ name: 'x', scopes: ['root'] })).toBe('scopes.0');
    expect(await param({ name: 'x', metadata: { blob: 'x'.repeat(20_000) } })).toBe('metadata');
    expect(await param({ name: 'x', key_hash: 'mine' })).toBe(null);
  });

  it('updates policy fields, publishes the change to the gateways and audits before and after', async () => {
    const key = await createKey({ name: 'limits', rpm_limit: 10 });
    const response = await h.asAdmin(`/admin/keys/${key.id}`, 'PATCH', { rpm_limit: 500, allowed_models: null, metadata: { tier: 'gold' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: key.id, rpm_limit: 500, allowed_models: null, metadata: { tier: 'gold' } });
    await eventually('the change is published', () => published.includes(key.id));
    const [, update] = await auditOf(h, 'api_key', key.id);
    expect(update).toMatchObject({ action: 'api_key.update', before: { rpm_limit: 10, metadata: {} }, after: { rpm_limit: 500, metadata: { tier: 'gold' } } });
    expect(JSON.stringify(update)).not.toContain(key.key);
    expect((await expectError(await h.asAdmin(`/admin/keys/${key.id}`, 'PATCH', {}), 400, 'invalid_request_error')).message).toMatch(/at least one/);
    await expectError(await h.asAdmin(`/admin/keys/${randomUUID()}`, 'PATCH', { rpm_limit: 1 }), 404, 'not_found_error');
  });

  it('rotates: the successor works at once, the old key until its overlap expiry, then neither is confused', async () => {
    let clock = Date.now();
    const gateway = new ApiKeyAuthenticator(h.api.app.get(ApiKeyRepository), bus as unknown as KeyRevocationBus, {
      hashSecret: HASH_SECRET,
      cacheTtlMs: 30_000,
      cacheMaxEntries: 100,
      now: () => clock,
    });
    await gateway.onModuleInit();
    try {
      const old = await createKey({ name: 'rotating', rpm_limit: 77, metadata: { app: 'x' } });
      expect((await gateway.authenticate(`Bearer ${old.key}`)).apiKeyId).toBe(old.id);

      const response = await h.asAdmin(`/admin/keys/${old.id}/rotate`, 'POST', {});
      expect(response.status).toBe(201);
      const rotated = (await response.json()) as Json;
      expect(rotated).toMatchObject({ name: 'rotating', rpm_limit: 77, metadata: { app: 'x' }, rotated_from: old.id, expires_at: null });
      expect(rotated.key).not.toBe(old.key);
      const overlapEnd = Date.parse(rotated.previous.expires_at);
      expect(overlapEnd - Date.now()).toBeGreaterThan(3_500_000);
      expect(overlapEnd - Date.now()).toBeLessThanOrEqual(3_600_000);
      await eventually('the change is published', () => published.includes(old.id));

      expect((await gateway.authenticate(`Bearer ${rotated.key}`)).policy.rpmLimit).toBe(77);
      expect((await gateway.authenticate(`Bearer ${old.key}`)).apiKeyId).toBe(old.id);
      clock = overlapEnd + 1;
      await expect(gateway.authenticate(`Bearer ${old.key}`)).rejects.toMatchObject({ code: 'api_key_expired' });
      expect((await gateway.authenticate(`Bearer ${rotated.key}`)).apiKeyId).toBe(rotated.id);

      const audit = await auditOf(h, 'api_key', old.id);
      expect(audit.map((entry) => entry.action)).toEqual(['api_key.create', 'api_key.rotate']);
      expect(audit[1]).toMatchObject({ before: { expires_at: null }, after: { expires_at: rotated.previous.expires_at, replaced_by: rotated.id } });
      const successorAudit = await auditOf(h, 'api_key', rotated.id);
      expect(successorAudit).toEqual([expect.objectContaining({ action: 'api_key.create', after: expect.objectContaining({ rotated_from: old.id }) })]);
      expect(JSON.stringify([audit, successorAudit])).not.toMatch(new RegExp(`${old.key}|${rotated.key}|${hashOf(rotated.key)}`));
    } finally {
      await gateway.onModuleDestroy();
    }
  });

  it('rotation never extends an earlier expiry, honours overlap_seconds and refuses revoked keys', async () => {
    const soon = new Date(Date.now() + 600_000).toISOString();
    const key = await createKey({ name: 'short-lived', expires_at: soon });
    const rotated = (await (await h.asAdmin(`/admin/keys/${key.id}/rotate`, 'POST', { overlap_seconds: 7200 })).json()) as Json;
    expect(rotated.previous.expires_at).toBe(soon);
    expect(rotated.expires_at).toBe(soon);
    const immediate = (await (await h.asAdmin(`/admin/keys/${rotated.id}/rotate`, 'POST', { overlap_seconds: 0 })).json()) as Json;
    expect(Date.parse(immediate.previous.expires_at)).toBeLessThanOrEqual(Date.now());
    expect(immediate.previous.expired).toBe(true);
    expect((await expectError(await h.asAdmin(`/admin/keys/${rotated.id}/rotate`, 'POST', {}), 400, 'invalid_request_error')).code).toBe('api_key_expired');
    await h.asAdmin(`/admin/keys/${immediate.id}`, 'DELETE');
    expect((await expectError(await h.asAdmin(`/admin/keys/${immediate.id}/rotate`, 'POST', {}), 400, 'invalid_request_error')).code).toBe('api_key_revoked');
    expect((await expectError(await h.asAdmin(`/admin/keys/${key.id}/rotate`, 'POST', { overlap_seconds: -1 }), 400, 'invalid_request_error')).param).toBe('overlap_seconds');
  });

  it('revokes once, publishes, audits, and answers 404 for unknown ids', async () => {
    const key = await createKey({ name: 'to revoke' });
    const first = (await (await h.asAdmin(`/admin/keys/${key.id}`, 'DELETE')).json()) as Json;
    expect(first.revoked_at).toEqual(expect.any(String));
    await eventually('the change is published', () => published.includes(key.id));
    expect(((await (await h.asAdmin(`/admin/keys/${key.id}`, 'DELETE')).json()) as Json).revoked_at).toBe(first.revoked_at);
    const audit = await auditOf(h, 'api_key', key.id);
    expect(audit[1]).toMatchObject({ action: 'api_key.revoke', before: { revoked_at: null }, after: { revoked_at: first.revoked_at } });
    expect((await expectError(await h.asAdmin(`/admin/keys/${randomUUID()}`, 'DELETE'), 404, 'not_found_error')).param).toBe('id');
    await expectError(await h.asAdmin('/admin/keys/not-a-uuid'), 404, 'not_found_error');
  });
});
