import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { type AdminApiHarness, expectError, HARNESS_JWT_SECRET, type Json, startAdminApi } from './testing/admin-api.harness';

describe('admin API: login, tokens, usage, operations (real Postgres and Redis)', () => {
  let h: AdminApiHarness;

  beforeAll(async () => {
    h = await startAdminApi();
  });

  afterAll(async () => {
    await h?.close();
  });

  describe('login', () => {
    it('returns a bearer token for the bootstrap admin', async () => {
      const response = await h.login({ email: h.admin.email.toUpperCase(), password: h.admin.password });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        access_token: expect.stringMatching(/^ey[\w-]+\.[\w-]+\.[\w-]+$/),
        token_type: 'Bearer',
        expires_in: 600,
      });
    });

    it('refuses a bad password and an unknown email alike with 401', async () => {
      const wrong = await expectError(await h.login({ email: h.admin.email, password: 'not the password' }), 401, 'authentication_error');
      const unknown = await expectError(
        await h.login({ email: `nobody-${randomUUID()}@int.test`, password: 'x' }),
        401,
        'authentication_error',
      );
      expect(unknown.message).toBe(wrong.message);
    });

    it('validates the body', async () => {
      const missing = await expectError(await h.call('/admin/auth/login', { method: 'POST', body: { password: 'x' } }), 400, 'invalid_request_error');
      expect(missing.param).toBe('email');
      await expectError(await h.call('/admin/auth/login', { method: 'POST', body: '{"email": ' }), 400, 'invalid_request_error');
    });

    // Runs last in this block: it uses up this app's login allowance (10 a minute by default).
    it('throttles repeated attempts with 429 and Retry-After', async () => {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let attempt = 0; attempt < 12 && !statuses.includes(429); attempt += 1) {
        const response = await h.login({ email: h.admin.email, password: `guess ${attempt}` });
        statuses.push(response.status);
        if (response.status === 429) {
          retryAfter = response.headers.get('retry-after');
          expect(((await response.json()) as Json).error.type).toBe('rate_limit_error');
        }
      }
      expect(statuses).toContain(401);
      expect(statuses.at(-1)).toBe(429);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    });
  });

  describe('local JWT (HS256)', () => {
    const sign = (claims: object, secret = HARNESS_JWT_SECRET) => new JwtService({ secret }).sign(claims);
    const now = () => Math.floor(Date.now() / 1000);
    const claims = async () => {
      const me = (await (await h.asAdmin('/admin/users?role=admin&email=' + encodeURIComponent(h.admin.email))).json()) as Json;
      return { sub: me.data[0].id as string, email: h.admin.email, role: 'admin', iss: 'llmgw', aud: 'llmgw-admin', iat: now(), exp: now() + 600 };
    };

    it('is required', async () => {
      expect((await expectError(await h.call('/admin/keys'), 401, 'authentication_error')).code).toBe('missing_token');
    });

    it('accepts a valid token for an existing user', async () => {
      expect((await h.call('/admin/keys', { token: sign(await claims()) })).status).toBe(200);
    });

    it('must be signed with our secret', async () => {
      const forged = sign(await claims(), 'another-secret-0123456789-0123456789-0123');
      await expectError(await h.call('/admin/keys', { token: forged }), 401, 'authentication_error');
    });

    it('refuses alg none', async () => {
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
      const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(await claims())}.`;
      await expectError(await h.call('/admin/keys', { token: unsigned }), 401, 'authentication_error');
    });

    it('refuses an expired token, another issuer and another audience', async () => {
      const valid = await claims();
      const expired = sign({ ...valid, iat: now() - 700, exp: now() - 100 });
      expect((await expectError(await h.call('/admin/keys', { token: expired }), 401, 'authentication_error')).code).toBe('token_expired');
      await expectError(await h.call('/admin/keys', { token: sign({ ...valid, aud: 'some-other-service' }) }), 401, 'authentication_error');
      await expectError(await h.call('/admin/keys', { token: sign({ ...valid, iss: 'someone-else' }) }), 401, 'authentication_error');
    });

    it('refuses a well-signed token whose user does not exist', async () => {
      const token = sign({ ...(await claims()), sub: randomUUID() });
      expect((await expectError(await h.call('/admin/keys', { token }), 401, 'authentication_error')).code).toBe('user_not_found');
    });
  });

  describe('usage', () => {
    it('summarises the last 24 hours by default', async () => {
      const response = await h.asViewer('/admin/usage');
      expect(response.status).toBe(200);
      const summary = (await response.json()) as Json;
      expect(Date.parse(summary.to) - Date.parse(summary.from)).toBe(24 * 60 * 60 * 1000);
      expect(summary).toMatchObject({ requests: expect.any(Number), cost_nano_usd: expect.any(String), by_provider_model: expect.any(Array) });
    });

    it('takes an explicit period and refuses invalid dates', async () => {
      const summary = (await (await h.asAdmin('/admin/usage?from=2001-01-01T00:00:00Z&to=2001-01-02T00:00:00Z')).json()) as Json;
      expect(summary).toMatchObject({ from: '2001-01-01T00:00:00.000Z', to: '2001-01-02T00:00:00.000Z', requests: 0, cost_nano_usd: '0' });
      expect((await expectError(await h.asAdmin('/admin/usage?from=yesterday'), 400, 'invalid_request_error')).param).toBe('from');
      expect((await expectError(await h.asAdmin('/admin/usage?to=2001-02-30T00:00:00Z'), 400, 'invalid_request_error')).param).toBe('to');
      expect((await expectError(await h.asAdmin('/admin/usage?from=2001-01-02&to=2001-01-01'), 400, 'invalid_request_error')).param).toBe('from');
      await expectError(await h.call('/admin/usage'), 401, 'authentication_error');
    });
  });

  describe('operations', () => {
    it('answers liveness and readiness', async () => {
      expect(await (await h.call('/health')).json()).toEqual({ status: 'ok' });
      const ready = await h.call('/health/ready');
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as Json).info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
    });

    it('counts requests by route pattern and status', async () => {
      await h.asAdmin(`/admin/keys/${randomUUID()}`, 'DELETE');
      const metrics = await (await h.call('/metrics')).text();
      expect(metrics).toMatch(/llmgw_admin_http_requests_total\{route="\/admin\/keys\/:id",status="404"\} [1-9]/);
      expect(metrics).toMatch(/llmgw_admin_http_requests_total\{route="\/admin\/auth\/login",status="200"\} [1-9]/);
    });

    it('answers unknown routes with an OpenAI-shaped 404', async () => {
      await expectError(await h.call('/admin/nothing-here'), 404, 'not_found_error');
    });

    it('echoes a sane x-request-id and makes one up otherwise', async () => {
      const given = (await h.call('/health', { headers: { 'x-request-id': 'trace-123' } })).headers.get('x-request-id');
      expect(given).toBe('trace-123');
      const made = (await h.call('/health', { headers: { 'x-request-id': 'bad id with spaces' } })).headers.get('x-request-id');
      expect(made).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});
