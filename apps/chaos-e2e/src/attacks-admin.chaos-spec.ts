import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { recordChaos } from './report/chaos-report';
import { adminCall, adminToken } from './support/admin-session';
import { startChaosPlatform, type ChaosPlatform } from './support/chaos-platform';
import { refusalProblem, send } from './support/http';
import { claimsOf, signHs256, signRs256, unsigned } from './support/jwt-forge';

const EXTERNAL_ISSUER = 'https://idp.chaos.test';
const ALLOWED_ORIGIN = 'https://dashboard.chaos.test';
const LOGIN_LIMIT = 5;

describe('attacks on the admin API: forged tokens, key confusion, viewers writing, gateway keys, brute force, browsers', () => {
  const external = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const externalPem = external.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  let platform: ChaosPlatform;
  let adminUrl: string;
  let token: string;
  let refused = 0;
  let requests = 0;

  beforeAll(async () => {
    platform = await startChaosPlatform({
      apps: ['admin-api', 'gateway'],
      env: {
        JWT_EXTERNAL_PUBLIC_KEY: externalPem.replace(/\n/g, '\\n'),
        JWT_EXTERNAL_ISSUER: EXTERNAL_ISSUER,
        ADMIN_LOGIN_ATTEMPTS_PER_MINUTE: String(LOGIN_LIMIT),
        ADMIN_CORS_ORIGINS: ALLOWED_ORIGIN,
      },
    });
    adminUrl = platform.admin!.url;
    token = await adminToken(adminUrl, platform.adminEmail, platform.adminPassword);
    requests += 1;
  });

  afterAll(async () => {
    recordChaos('attacks: admin-api', { requests, faultsSurvived: refused, badInputs: refused });
    await platform?.stop();
  });

  const withToken = async (bearer: string, method = 'GET', path = '/admin/teams', body?: unknown) => {
    requests += 1;
    return send(`${adminUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  };

  it('accepts its own token re-signed with the real secret (the forgeries below would pass if checks were missing)', async () => {
    const resigned = signHs256(claimsOf(token), platform.env.JWT_SECRET!);
    expect((await withToken(resigned)).status).toBe(200);
  });

  it('refuses forged, expired, unsigned, wrong-issuer and wrong-audience tokens with a 401 in the OpenAI shape', async () => {
    const claims = claimsOf(token);
    const now = Math.floor(Date.now() / 1000);
    const secret = platform.env.JWT_SECRET!;
    const forgeries: Record<string, string> = {
      'wrong secret': signHs256(claims, 'guessed-secret-guessed-secret-guessed-secret'),
      expired: signHs256({ ...claims, iat: now - 7200, exp: now - 60 }, secret),
      'not yet valid': signHs256({ ...claims, nbf: now + 3600 }, secret),
      'wrong issuer': signHs256({ ...claims, iss: 'someone-else' }, secret),
      'wrong audience': signHs256({ ...claims, aud: 'another-api' }, secret),
      'role raised in the payload, old signature': `${token.split('.')[0]}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin', sub: randomUUID() })).toString('base64url')}.${token.split('.')[2]}`,
      'unknown user': signHs256({ ...claims, sub: randomUUID() }, secret),
      'HS256 signed with the RS256 public key (key confusion)': signHs256({ ...claims, iss: EXTERNAL_ISSUER, aud: 'llmgw-admin', role: 'admin' }, externalPem),
      'RS256 from a stranger key': signRs256({ sub: 'x', email: 'x@chaos.test', role: 'admin', iss: EXTERNAL_ISSUER, aud: 'llmgw-admin', exp: now + 600 }, stranger.privateKey),
      'external token, expired': signRs256({ sub: 'x', email: 'x@chaos.test', role: 'admin', iss: EXTERNAL_ISSUER, aud: 'llmgw-admin', exp: now - 60 }, external.privateKey),
      'external token, wrong audience': signRs256({ sub: 'x', email: 'x@chaos.test', role: 'admin', iss: EXTERNAL_ISSUER, aud: 'nope', exp: now + 600 }, external.privateKey),
      garbage: 'not.a.jwt',
      empty: '',
    };
    unsigned({ ...claims, role: 'admin' }).forEach((forged, index) => (forgeries[`alg none #${index + 1}`] = forged));
    for (const [name, forged] of Object.entries(forgeries)) {
      const answer = await withToken(forged, 'POST', '/admin/teams', { name: `forged-${randomUUID()}` });
      expect({ name, status: answer.status }).toEqual({ name, status: 401 });
      expect(refusalProblem(answer)).toBeNull();
      refused += 1;
    }
  });

  it('lets a viewer read but not write, whether its token is local or external', async () => {
    const email = `viewer-${randomUUID().slice(0, 8)}@chaos.test`;
    const password = 'viewer-password-123';
    expect((await adminCall(adminUrl, token, 'POST', '/admin/users', { email, password, role: 'viewer' })).status).toBe(201);
    const local = await adminToken(adminUrl, email, password);
    const now = Math.floor(Date.now() / 1000);
    const externalViewer = signRs256({ sub: 'ext-viewer', email: 'ext@chaos.test', role: 'viewer', iss: EXTERNAL_ISSUER, aud: 'llmgw-admin', exp: now + 600 }, external.privateKey);
    for (const viewer of [local, externalViewer]) {
      expect((await withToken(viewer, 'GET', '/admin/teams')).status).toBe(200);
      for (const [method, path, body] of [
        ['POST', '/admin/teams', { name: 'viewer team' }],
        ['POST', '/admin/keys', { name: 'viewer key' }],
        ['POST', '/admin/users', { email: 'x@chaos.test', password: 'long-password-123', role: 'admin' }],
        ['POST', '/admin/circuit-breakers/reset', {}],
      ] as const) {
        const answer = await withToken(viewer, method, path, body);
        expect({ path, status: answer.status }).toEqual({ path, status: 403 });
        expect(refusalProblem(answer)).toBeNull();
        refused += 1;
      }
    }
  });

  it('refuses gateway API keys on admin routes', async () => {
    for (const path of ['/admin/teams', '/admin/keys', '/admin/config']) {
      for (const headers of [{ authorization: `Bearer ${platform.apiKey}` }, { 'x-api-key': platform.apiKey }] as Array<Record<string, string>>) {
        requests += 1;
        const answer = await send(`${adminUrl}${path}`, { headers });
        expect(answer.status).toBe(401);
        expect(refusalProblem(answer)).toBeNull();
        refused += 1;
      }
    }
  });

  it('sends security headers and allows only the listed browser origin', async () => {
    const plain = await withToken(token);
    for (const header of ['x-content-type-options', 'x-frame-options', 'referrer-policy', 'strict-transport-security', 'content-security-policy'])
      expect({ header, value: plain.headers.get(header) }).toEqual({ header, value: expect.any(String) });
    expect(plain.headers.get('cache-control')).toBe('no-store');
    const notFound = await send(`${adminUrl}/admin/nothing-here`);
    expect(notFound.headers.get('x-content-type-options')).toBe('nosniff');

    const preflight = (origin: string) =>
      send(`${adminUrl}/admin/teams`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    const evil = await preflight('https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const good = await preflight(ALLOWED_ORIGIN);
    expect(good.status).toBeLessThan(300);
    expect(good.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(good.headers.get('access-control-allow-credentials')).toBeNull();
    const evilRead = await send(`${adminUrl}/admin/teams`, { headers: { origin: 'https://evil.example', authorization: `Bearer ${token}` } });
    expect(evilRead.headers.get('access-control-allow-origin')).toBeNull();
    requests += 4;
    refused += 2;
  });

  // Last: it exhausts this IP's login window.
  it('rate-limits brute force of logins, the right password included once the window is spent', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < LOGIN_LIMIT + 5; attempt += 1) {
      const answer = await send(`${adminUrl}/admin/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: platform.adminEmail, password: `wrong-${attempt}-password` }),
      });
      expect(refusalProblem(answer)).toBeNull();
      statuses.push(answer.status);
    }
    requests += statuses.length;
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(LOGIN_LIMIT);
    expect(statuses.slice(-3)).toEqual([429, 429, 429]);
    const right = await send(`${adminUrl}/admin/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: platform.adminEmail, password: platform.adminPassword }),
    });
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).not.toBeNull();
    refused += statuses.filter((status) => status === 429).length + 1;
  });
});
