import { randomUUID } from 'node:crypto';
import { type AdminApiHarness, expectError, type Json, startAdminApi } from '../testing/admin-api.harness';

describe('admin API: the gateways\' response cache', () => {
  let h: AdminApiHarness;

  beforeAll(async () => {
    // Its own key space: an unfiltered invalidation here must never touch other suites' caches.
    h = await startAdminApi({ QUEUE_PREFIX: `cache-admin-${randomUUID()}` });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('shows statistics to viewers, in the seeds\' shape', async () => {
    const response = await h.asViewer('/admin/cache/stats');
    expect(response.status).toBe(200);
    expect((await response.json()) as Json).toMatchObject({ total_entries: expect.any(Number), hit_rate: expect.any(Number), index: expect.any(Object) });
  });

  it('lets admins invalidate and optimise, audited; viewers and bad bodies are refused', async () => {
    const tenant = `team:${randomUUID()}`;
    const invalidated = await h.asAdmin('/admin/cache/invalidate', 'POST', { tenant, older_than_hours: 1 });
    expect(invalidated.status).toBe(200);
    expect((await h.asAdmin('/admin/cache/optimize', 'POST', { fraction: 0.5 })).status).toBe(200);

    await expectError(await h.asViewer('/admin/cache/invalidate', 'POST', { tenant }), 403, 'permission_error');
    await expectError(await h.asAdmin('/admin/cache/optimize', 'POST', { fraction: 2 }), 400, 'invalid_request_error');
    await expectError(await h.asAdmin('/admin/cache/invalidate', 'POST', { tenant: 'somebody' }), 400, 'invalid_request_error');

    const audit = (await (await h.asViewer(`/admin/audit-log?resource_type=cache&resource_id=${encodeURIComponent(tenant)}`)).json()) as Json;
    expect(audit.data).toEqual([expect.objectContaining({ action: 'cache.invalidate', resource_id: tenant })]);
  });
});
