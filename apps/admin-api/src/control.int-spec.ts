import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AdminApiHarness, expectError, HARNESS_JWT_SECRET, type Json, startAdminApi } from './testing/admin-api.harness';

describe('admin API: docs, configuration, provider status, audit log', () => {
  const gatewayKey = `sk-llmgw-${randomUUID().replace(/-/g, '')}`;
  let gateway: Server;
  let seen: IncomingHttpHeaders[] = [];
  let h: AdminApiHarness;
  let unconfigured: AdminApiHarness;

  beforeAll(async () => {
    // Stands in for a gateway's GET /v1/router/status (the gateway's own tests cover the body).
    gateway = createServer((request, response) => {
      seen.push(request.headers);
      const ok = request.url === '/v1/router/status' && request.headers.authorization === `Bearer ${gatewayKey}`;
      response.statusCode = ok ? 200 : 401;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(ok ? { providers: [{ id: 'mock', healthy: true }] } : { error: { message: 'Incorrect API key provided.' } }));
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
    h = await startAdminApi({ GATEWAY_URL: gatewayUrl, GATEWAY_ADMIN_API_KEY: gatewayKey, OPENAI_API_KEY: 'sk-upstream-secret-value' });
    unconfigured = await startAdminApi({ GATEWAY_URL: gatewayUrl });
  });

  afterAll(async () => {
    await h?.close();
    await unconfigured?.close();
    await new Promise((resolve) => gateway?.close(resolve));
  });

  it('serves the OpenAPI document and a Swagger UI page without a token', async () => {
    const document = (await (await h.call('/docs/openapi.json')).json()) as Json;
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/admin/keys', '/admin/keys/{id}/rotate', '/admin/teams/{id}', '/admin/users', '/admin/audit-log', '/admin/config']),
    );
    const create = document.paths['/admin/keys'].post;
    expect(create.requestBody.content['application/json'].schema.properties).toHaveProperty('rpm_limit');
    expect(document.paths['/admin/keys'].get.parameters.map((p: Json) => p.name)).toEqual(expect.arrayContaining(['team_id', 'revoked', 'expired', 'limit', 'offset']));
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });

    const page = await h.call('/docs');
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('/docs/swagger-ui-bundle.js');
    const bundle = await h.call('/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
  });

  it('shows the effective configuration with every secret redacted', async () => {
    const response = await h.asViewer('/admin/config');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Json;
    expect(body.admin_api.values).toMatchObject({ JWT_SECRET: '[redacted]', API_KEY_HASH_SECRET: '[redacted]', GATEWAY_ADMIN_API_KEY: '[redacted]', ADMIN_PORT: 0 });
    expect(body.gateway.values).toMatchObject({ OPENAI_API_KEY: '[redacted]', GATEWAY_PORT: 8001 });
    expect(body.gateway.values).not.toHaveProperty('ANTHROPIC_API_KEY');
    expect(body.cost_tracker.values).toHaveProperty('WORKER_CONCURRENCY');
    const text = JSON.stringify(body);
    for (const secret of [HARNESS_JWT_SECRET, gatewayKey, 'sk-upstream-secret-value', h.admin.password]) expect(text).not.toContain(secret);
  });

  it('reads provider status from the gateway with the admin-scoped key, or says it is not configured', async () => {
    seen = [];
    const response = await h.asViewer('/admin/providers/status');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ providers: [{ id: 'mock', healthy: true }] });
    expect(seen[0]?.authorization).toBe(`Bearer ${gatewayKey}`);

    const refusal = await expectError(await unconfigured.asViewer('/admin/providers/status'), 503, 'service_unavailable');
    expect(refusal.code).toBe('gateway_key_not_configured');
    expect(refusal.message).toMatch(/GATEWAY_ADMIN_API_KEY/);
  });

  it('lists the audit log with filters, pagination and validation; circuit-breaker resets are audited', async () => {
    const provider = `p${randomUUID().slice(0, 8)}`;
    const reset = await h.asAdmin('/admin/circuit-breakers/reset', 'POST', { provider });
    expect(reset.status).toBe(200);
    const since = new Date(Date.now() - 60_000).toISOString();
    const query = `/admin/audit-log?action=circuit_breaker.reset&resource_id=${provider}&from=${encodeURIComponent(since)}`;
    const page = (await (await h.asViewer(query)).json()) as Json;
    expect(page).toMatchObject({ object: 'list', total: 1, has_more: false });
    expect(page.data[0]).toMatchObject({ resource_type: 'circuit_breaker', actor: { email: h.admin.email }, after: expect.any(Object) });

    const mine = (await (await h.asViewer(`/admin/audit-log?actor=${encodeURIComponent(h.admin.email.toUpperCase())}&limit=1`)).json()) as Json;
    expect(mine).toMatchObject({ limit: 1, data: [{ actor: { email: h.admin.email } }] });
    const future = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
    expect(((await (await h.asViewer(`/admin/audit-log?from=${future}`)).json()) as Json).total).toBe(0);
    expect((await expectError(await h.asViewer('/admin/audit-log?from=yesterday'), 400, 'invalid_request_error')).param).toBe('from');
    expect((await expectError(await h.asViewer('/admin/audit-log?resource_type=planet'), 400, 'invalid_request_error')).param).toBe('resource_type');
    await expectError(await h.asViewer('/admin/audit-log', 'DELETE'), 404, 'not_found_error');
  });
});
