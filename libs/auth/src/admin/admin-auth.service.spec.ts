import type { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { type AdminUserEntity, type AdminUserRepository, hashPassword } from '@llmgw/accounts';
import type { AdminConfig } from '@llmgw/config';
import { AdminAuthService } from './admin-auth.service';

const SECRET = 'unit-test-jwt-secret-0123456789-0123456789';
const settings: Record<string, unknown> = { JWT_EXPIRES_IN_SECONDS: 900 };
const config = { get: (key: string) => settings[key] } as unknown as ConfigService<AdminConfig, true>;
const jwt = new JwtService({
  secret: SECRET,
  signOptions: { algorithm: 'HS256', expiresIn: 900, issuer: 'llmgw', audience: 'llmgw-admin' },
});

describe('AdminAuthService', () => {
  let service: AdminAuthService;
  let lookups: string[];

  beforeAll(async () => {
    const user = {
      id: 'c0ffee00-0000-4000-8000-000000000001',
      email: 'ada@example.test',
      role: 'viewer',
      passwordHash: await hashPassword('the right password'),
    } as AdminUserEntity;
    lookups = [];
    // An in-memory stand-in for the table; the repository itself is tested on real Postgres.
    const users = {
      findByEmail: async (email: string) => {
        lookups.push(email);
        return email.toLowerCase() === user.email ? user : null;
      },
    } as unknown as AdminUserRepository;
    service = new AdminAuthService(users, jwt, config);
  });

  it('signs an HS256 token with the user, role, issuer, audience and expiry', async () => {
    const before = Math.floor(Date.now() / 1000);
    const token = await service.login('Ada@Example.test', 'the right password');
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    const header = JSON.parse(Buffer.from(token.access_token.split('.')[0]!, 'base64url').toString());
    expect(header.alg).toBe('HS256');
    const claims = await jwt.verifyAsync(token.access_token, {
      secret: SECRET,
      issuer: 'llmgw',
      audience: 'llmgw-admin',
      algorithms: ['HS256'],
    });
    expect(claims).toMatchObject({
      sub: 'c0ffee00-0000-4000-8000-000000000001',
      email: 'ada@example.test',
      role: 'viewer',
    });
    expect(claims.exp - claims.iat).toBe(900);
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(JSON.stringify(claims)).not.toContain('password');
  });

  it('refuses a wrong password with an authentication error', async () => {
    await expect(service.login('ada@example.test', 'the wrong password')).rejects.toMatchObject({
      type: 'authentication_error',
      status: 401,
    });
  });

  it('refuses an unknown email with the same error as a wrong password', async () => {
    const unknown = await service.login('nobody@example.test', 'the right password').catch((error: unknown) => error);
    const wrong = await service.login('ada@example.test', 'nope').catch((error: unknown) => error);
    expect(unknown).toMatchObject({ type: 'authentication_error', code: 'invalid_credentials' });
    expect((unknown as Error).message).toBe((wrong as Error).message);
  });
});
