import { createHmac, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import { type AdminApiHarness, auditOf, expectError, type Json, startAdminApi } from '../testing/admin-api.harness';

const ISSUER = 'https://idp.example.test/';
const now = () => Math.floor(Date.now() / 1000);
const claims = (overrides: Json = {}) => ({
  sub: `idp|${randomUUID()}`,
  email: 'Grace@IdP.example.test',
  role: 'admin',
  iss: ISSUER,
  aud: 'llmgw-admin',
  iat: now(),
  exp: now() + 300,
  ...overrides,
});
const sign = (payload: object, privateKey: KeyObject, algorithm: 'RS256' | 'ES256', keyid?: string) =>
  new JwtService().sign(payload, { algorithm, privateKey, ...(keyid ? { keyid } : {}) });

// Built by hand: jsonwebtoken refuses to make these, which is exactly why an attacker would.
function forgeHs256(payload: object, secret: string): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('admin API: external identity provider, RS256 with a configured public key', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  let h: AdminApiHarness;

  beforeAll(async () => {
    h = await startAdminApi({
      JWT_EXTERNAL_ALGORITHM: 'RS256',
      JWT_EXTERNAL_PUBLIC_KEY: publicPem.replace(/\n/g, '\\n'),
      JWT_EXTERNAL_ISSUER: ISSUER,
      JWT_EXTERNAL_ROLE_CLAIM: 'realm_access.roles',
      JWT_EXTERNAL_ADMIN_ROLES: 'llmgw-admins,ops',
      JWT_EXTERNAL_VIEWER_ROLES: 'llmgw-viewers',
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  const withRoles = (roles: string[], overrides: Json = {}) => claims({ role: undefined, realm_access: { roles }, ...overrides });

  it('maps the role claim: admins write (audited under the IdP identity), viewers read', async () => {
    const admin = withRoles(['ops']);
    const token = sign(admin, rsa.privateKey, 'RS256');
    const created = await h.call('/admin/teams', { method: 'POST', token, body: { name: `idp-${randomUUID()}` } });
    expect(created.status).toBe(201);
    const team = (await created.json()) as Json;
    expect((await auditOf(h, 'team', team.id))[0]!.actor).toEqual({ id: admin.sub, email: 'grace@idp.example.test' });

    const viewer = sign(withRoles(['llmgw-viewers']), rsa.privateKey, 'RS256');
    expect((await h.call('/admin/teams', { token: viewer })).status).toBe(200);
    await expectError(await h.call('/admin/teams', { method: 'POST', token: viewer, body: { name: 'x' } }), 403, 'permission_error');

    const nobody = sign(withRoles(['staff']), rsa.privateKey, 'RS256');
    expect((await expectError(await h.call('/admin/teams', { token: nobody }), 403, 'permission_error')).code).toBe('no_admin_role');
  });

  it('refuses expired tokens, another audience and another issuer', async () => {
    const expired = sign(withRoles(['ops'], { iat: now() - 600, exp: now() - 60 }), rsa.privateKey, 'RS256');
    expect((await expectError(await h.call('/admin/teams', { token: expired }), 401, 'authentication_error')).code).toBe('token_expired');
    const elsewhere = sign(withRoles(['ops'], { aud: 'another-api' }), rsa.privateKey, 'RS256');
    await expectError(await h.call('/admin/teams', { token: elsewhere }), 401, 'authentication_error');
    const otherIssuer = sign(withRoles(['ops'], { iss: 'https://evil.example.test/' }), rsa.privateKey, 'RS256');
    await expectError(await h.call('/admin/teams', { token: otherIssuer }), 401, 'authentication_error');
  });

  it('refuses algorithm confusion: HS256 "signed" with the public key, under either issuer', async () => {
    for (const secret of [publicPem, publicPem.trim()]) {
      await expectError(await h.call('/admin/teams', { token: forgeHs256(withRoles(['ops']), secret) }), 401, 'authentication_error');
      const local = forgeHs256({ ...withRoles(['ops']), iss: 'llmgw', role: 'admin' }, secret);
      await expectError(await h.call('/admin/teams', { token: local }), 401, 'authentication_error');
    }
  });

  it('refuses other keys, other algorithms and alg none', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await expectError(await h.call('/admin/teams', { token: sign(withRoles(['ops']), stranger.privateKey, 'RS256') }), 401, 'authentication_error');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await expectError(await h.call('/admin/teams', { token: sign(withRoles(['ops']), ec.privateKey, 'ES256') }), 401, 'authentication_error');
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const none = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(withRoles(['ops']))}.`;
    await expectError(await h.call('/admin/teams', { token: none }), 401, 'authentication_error');
  });

  it('keeps local login working next to the identity provider', async () => {
    expect((await h.asAdmin('/admin/teams')).status).toBe(200);
  });
});

describe('admin API: external identity provider, ES256 from a JWKS endpoint', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = `key-${randomUUID()}`;
  let jwks: Server;
  let jwksRequests = 0;
  let h: AdminApiHarness;

  beforeAll(async () => {
    const jwk = { ...ec.publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' };
    const decoy = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }), kid: 'rsa-decoy', use: 'sig' };
    jwks = createServer((_request, response) => {
      jwksRequests += 1;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [decoy, jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    h = await startAdminApi({
      JWT_EXTERNAL_ALGORITHM: 'ES256',
      JWT_EXTERNAL_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      JWT_EXTERNAL_ISSUER: ISSUER,
      JWT_EXTERNAL_AUDIENCE: 'admin-console',
    });
  });

  afterAll(async () => {
    await h?.close();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  it('verifies tokens with the key named by kid, fetching the key set once', async () => {
    const token = sign(claims({ aud: 'admin-console' }), ec.privateKey, 'ES256', kid);
    expect((await h.call('/admin/teams', { method: 'POST', token, body: { name: `jwks-${randomUUID()}` } })).status).toBe(201);
    expect((await h.call('/admin/teams', { token })).status).toBe(200);
    expect(jwksRequests).toBe(1);
  });

  it('refuses an unknown kid, a wrong audience, an RS256 token and an expired token', async () => {
    const unknownKid = sign(claims({ aud: 'admin-console' }), ec.privateKey, 'ES256', 'not-in-the-set');
    await expectError(await h.call('/admin/teams', { token: unknownKid }), 401, 'authentication_error');
    await expectError(await h.call('/admin/teams', { token: sign(claims({ aud: 'llmgw-admin' }), ec.privateKey, 'ES256', kid) }), 401, 'authentication_error');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await expectError(await h.call('/admin/teams', { token: sign(claims({ aud: 'admin-console' }), rsa.privateKey, 'RS256', 'rsa-decoy') }), 401, 'authentication_error');
    const expired = sign(claims({ aud: 'admin-console', iat: now() - 600, exp: now() - 60 }), ec.privateKey, 'ES256', kid);
    expect((await expectError(await h.call('/admin/teams', { token: expired }), 401, 'authentication_error')).code).toBe('token_expired');
  });
});
