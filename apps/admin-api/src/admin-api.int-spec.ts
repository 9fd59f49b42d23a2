import { createHmac, randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { AdminUserRepository } from '@llmgw/accounts';
import { RedisControlChannel } from '@llmgw/control-bus';
import { CHANNELS } from '@llmgw/contracts';
import { migrateDatabase } from '@llmgw/database';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '@llmgw/testing';
import { DataSource } from 'typeorm';
import { bootstrapAdminApi, type RunningAdminApi } from './main';

const JWT_SECRET = 'admin-int-spec-jwt-secret-0123456789-abcdef';
const HASH_SECRET = 'admin-int-spec-hash-secret-0123456789';
const ADMIN = { email: `admin-${randomUUID()}@int.test`, password: 'admin password 0123456789' };
const VIEWER = { email: `viewer-${randomUUID()}@int.test`, password: 'viewer password 0123456789' };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('admin API (real Postgres and Redis)', () => {
  let api: RunningAdminApi;
  let revocations: RedisControlChannel;
  const revoked: string[] = [];
  let adminToken: string;
  let viewerToken: string;

  beforeAll(async () => {
    await migrateDatabase(TEST_DATABASE_URL);
    api = await bootstrapAdminApi(
      {
        NODE_ENV: 'test',
        LOG_LEVEL: 'error',
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_POOL_SIZE: '4',
        REDIS_URL: TEST_REDIS_URL,
        API_KEY_HASH_SECRET: HASH_SECRET,
        JWT_SECRET,
        JWT_EXPIRES_IN_SECONDS: '600',
        ADMIN_HOST: '127.0.0.1',
        ADMIN_PORT: '0',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
      },
      { distributed: true, ownsProcess: false },
    );
    await api.app.get(AdminUserRepository).create({ ...VIEWER, role: 'viewer' });
    revocations = new RedisControlChannel(TEST_REDIS_URL, CHANNELS.apiKeyRevoked);
    await revocations.subscribe((id) => revoked.push(id));
    adminToken = ((await (await login(ADMIN)).json()) as Json).access_token;
    viewerToken = ((await (await login(VIEWER)).json()) as Json).access_token;
  });

  afterAll(async () => {
    await revocations?.close();
    await api?.app.close();
  });

  const call = (path: string, init: { method?: string; token?: string | null; body?: unknown } = {}) =>
    fetch(`${api.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    });
  const login = (credentials: { email: string; password: string }) =>
    call('/admin/auth/login', { method: 'POST', body: credentials });
  const asAdmin = (path: string, method = 'GET', body?: unknown) => call(path, { method, token: adminToken, body });

  async function expectError(response: Response, status: number, type: string): Promise<Json['error']> {
    expect(response.status).toBe(status);
    const body = (await response.json()) as Json;
    expect(Object.keys(body)).toEqual(['error']);
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(body.error.type).toBe(type);
    return body.error;
  }

  describe('login', () => {
    it('returns a bearer token for the bootstrap admin', async () => {
      const response = await login({ email: ADMIN.email.toUpperCase(), password: ADMIN.password });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        access_token: expect.stringMatching(/^ey[\w-]+\.[\w-]+\.[\w-]+$/),
        token_type: 'Bearer',
        expires_in: 600,
      });
    });

    it('refuses a bad password and an unknown email alike with 401', async () => {
      const wrong = await expectError(
        await login({ email: ADMIN.email, password: 'not the password' }),
        401,
        'authentication_error',
      );
      const unknown = await expectError(
        await login({ email: `nobody-${randomUUID()}@int.test`, password: 'x' }),
        401,
        'authentication_error',
      );
      expect(unknown.message).toBe(wrong.message);
    });

    it('validates the body', async () => {
      expect(
        (
          await expectError(
            await call('/admin/auth/login', { method: 'POST', body: { password: 'x' } }),
            400,
            'invalid_request_error',
          )
        ).param,
      ).toBe('email');
      await expectError(
        await call('/admin/auth/login', { method: 'POST', body: '{"email": ' }),
        400,
        'invalid_request_error',
      );
    });

    // Runs last in this block: it uses up this app's login allowance (10 a minute by default).
    it('throttles repeated attempts with 429 and Retry-After', async () => {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let attempt = 0; attempt < 12 && !statuses.includes(429); attempt += 1) {
        const response = await login({ email: ADMIN.email, password: `guess ${attempt}` });
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

  describe('JWT', () => {
    const claims = () => ({ sub: randomUUID(), email: ADMIN.email, role: 'admin', iss: 'llmgw', aud: 'llmgw-admin' });

    it('is required', async () => {
      expect((await expectError(await call('/admin/keys'), 401, 'authentication_error')).code).toBe('missing_token');
    });

    it('must be signed with our secret', async () => {
      const forged = new JwtService({ secret: 'another-secret-0123456789-0123456789-0123' }).sign(claims(), {
        expiresIn: 600,
      });
      await expectError(await call('/admin/keys', { token: forged }), 401, 'authentication_error');
    });

    it('refuses alg none', async () => {
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...claims(), iat: now, exp: now + 600 })}.`;
      await expectError(await call('/admin/keys', { token: unsigned }), 401, 'authentication_error');
    });

    it('refuses an expired token', async () => {
      const now = Math.floor(Date.now() / 1000);
      const expired = new JwtService({ secret: JWT_SECRET }).sign({ ...claims(), iat: now - 700, exp: now - 100 });
      expect((await expectError(await call('/admin/keys', { token: expired }), 401, 'authentication_error')).code).toBe(
        'token_expired',
      );
    });

    it('refuses a token for another audience', async () => {
      const elsewhere = new JwtService({ secret: JWT_SECRET }).sign(
        { ...claims(), aud: 'some-other-service' },
        { expiresIn: 600 },
      );
      await expectError(await call('/admin/keys', { token: elsewhere }), 401, 'authentication_error');
    });
  });

  describe('API keys', () => {
    it('are created, listed and revoked; the secret is shown only at creation', async () => {
      const created = await asAdmin('/admin/keys', 'POST', { name: 'int-spec service' });
      expect(created.status).toBe(201);
      const key = (await created.json()) as Json;
      expect(key).toEqual({
        id: expect.any(String),
        name: 'int-spec service',
        key: expect.stringMatching(/^sk-llmgw-[0-9A-Za-z]{40}$/),
        display_prefix: key.key.slice(0, 12),
        team_id: null,
        created_at: expect.any(String),
      });

      const listed = (await (await asAdmin('/admin/keys')).json()) as Json;
      expect(listed.object).toBe('list');
      const entry = listed.data.find((item: Json) => item.id === key.id);
      expect(entry).toEqual({
        id: key.id,
        name: 'int-spec service',
        display_prefix: key.display_prefix,
        team_id: null,
        created_at: key.created_at,
        revoked_at: null,
        last_used_at: null,
      });
      const expectedHash = createHmac('sha256', HASH_SECRET).update(key.key).digest('hex');
      expect(JSON.stringify(listed)).not.toContain(key.key);
      expect(JSON.stringify(listed)).not.toContain(expectedHash);

      const revoke = await asAdmin(`/admin/keys/${key.id}`, 'DELETE');
      expect(revoke.status).toBe(200);
      expect(((await revoke.json()) as Json).revoked_at).toEqual(expect.any(String));
      const relisted = (await (await asAdmin('/admin/keys')).json()) as Json;
      expect(relisted.data.find((item: Json) => item.id === key.id).revoked_at).toEqual(expect.any(String));
      await waitFor(() => revoked.includes(key.id));

      const stored = await withDatabase((db) =>
        db.query('SELECT key_hash, created_by FROM api_keys WHERE id = $1', [key.id]),
      );
      expect(stored).toEqual([{ key_hash: expectedHash, created_by: ADMIN.email }]);
    });

    it('answers 404 for an unknown key id', async () => {
      expect(
        (await expectError(await asAdmin(`/admin/keys/${randomUUID()}`, 'DELETE'), 404, 'not_found_error')).param,
      ).toBe('id');
      await expectError(await asAdmin('/admin/keys/not-a-uuid', 'DELETE'), 404, 'not_found_error');
    });

    it('validates the new key', async () => {
      expect(
        (await expectError(await asAdmin('/admin/keys', 'POST', { name: '' }), 400, 'invalid_request_error')).param,
      ).toBe('name');
      expect(
        (
          await expectError(
            await asAdmin('/admin/keys', 'POST', { name: 'x', team_id: 'nope' }),
            400,
            'invalid_request_error',
          )
        ).param,
      ).toBe('team_id');
      expect(
        (
          await expectError(
            await asAdmin('/admin/keys', 'POST', { name: 'x', team_id: randomUUID() }),
            400,
            'invalid_request_error',
          )
        ).param,
      ).toBe('team_id');
    });

    it('lets a viewer list but not create or revoke', async () => {
      expect((await call('/admin/keys', { token: viewerToken })).status).toBe(200);
      await expectError(
        await call('/admin/keys', { method: 'POST', token: viewerToken, body: { name: 'viewer key' } }),
        403,
        'permission_error',
      );
      await expectError(
        await call(`/admin/keys/${randomUUID()}`, { method: 'DELETE', token: viewerToken }),
        403,
        'permission_error',
      );
    });
  });

  describe('usage', () => {
    it('summarises the last 24 hours by default', async () => {
      const response = await call('/admin/usage', { token: viewerToken });
      expect(response.status).toBe(200);
      const summary = (await response.json()) as Json;
      expect(Date.parse(summary.to) - Date.parse(summary.from)).toBe(24 * 60 * 60 * 1000);
      expect(summary).toMatchObject({
        requests: expect.any(Number),
        cost_nano_usd: expect.any(String),
        by_provider_model: expect.any(Array),
      });
    });

    it('takes an explicit period and refuses invalid dates', async () => {
      const summary = (await (
        await asAdmin('/admin/usage?from=2001-01-01T00:00:00Z&to=2001-01-02T00:00:00Z')
      ).json()) as Json;
      expect(summary).toMatchObject({
        from: '2001-01-01T00:00:00.000Z',
        to: '2001-01-02T00:00:00.000Z',
        requests: 0,
        cost_nano_usd: '0',
      });
      expect(
        (await expectError(await asAdmin('/admin/usage?from=yesterday'), 400, 'invalid_request_error')).param,
      ).toBe('from');
      expect(
        (await expectError(await asAdmin('/admin/usage?to=2001-02-30T00:00:00Z'), 400, 'invalid_request_error')).param,
      ).toBe('to');
      expect(
        (await expectError(await asAdmin('/admin/usage?from=2001-01-02&to=2001-01-01'), 400, 'invalid_request_error'))
          .param,
      ).toBe('from');
      await expectError(await call('/admin/usage'), 401, 'authentication_error');
    });
  });

  describe('operations', () => {
    it('answers liveness and readiness', async () => {
      expect(await (await call('/health')).json()).toEqual({ status: 'ok' });
      const ready = await call('/health/ready');
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as Json).info).toMatchObject({
        database: { status: 'up' },
        redis: { status: 'up' },
      });
    });

    it('counts requests by route pattern and status', async () => {
      await asAdmin(`/admin/keys/${randomUUID()}`, 'DELETE');
      const metrics = await (await call('/metrics')).text();
      expect(metrics).toMatch(/llmgw_admin_http_requests_total\{route="\/admin\/keys\/:id",status="404"\} [1-9]/);
      expect(metrics).toMatch(/llmgw_admin_http_requests_total\{route="\/admin\/auth\/login",status="200"\} [1-9]/);
    });

    it('answers unknown routes with an OpenAI-shaped 404', async () => {
      await expectError(await call('/admin/nothing-here'), 404, 'not_found_error');
    });
  });
});

async function withDatabase<T>(work: (db: DataSource) => Promise<T>): Promise<T> {
  const db = await new DataSource({ type: 'postgres', url: TEST_DATABASE_URL }).initialize();
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
