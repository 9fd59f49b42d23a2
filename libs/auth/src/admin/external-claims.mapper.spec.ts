import { principalFromExternalClaims } from './external-claims.mapper';

const mapping = { roleClaim: 'role', adminRoles: ['admin', 'llmgw-admins'], viewerRoles: ['viewer'], emailClaim: 'email' };

describe('principalFromExternalClaims', () => {
  it('maps a string role claim', () => {
    expect(principalFromExternalClaims({ sub: 'u1', email: 'Ada@Example.test', role: 'viewer' }, mapping)).toEqual({
      id: 'u1',
      email: 'ada@example.test',
      role: 'viewer',
    });
  });

  it('maps an array claim at a dotted path, admin winning over viewer', () => {
    const nested = { ...mapping, roleClaim: 'realm_access.roles' };
    const principal = principalFromExternalClaims({ sub: 'u2', realm_access: { roles: ['viewer', 'llmgw-admins'] } }, nested);
    expect(principal).toEqual({ id: 'u2', email: 'u2', role: 'admin' });
  });

  it('reads a namespaced claim whose name contains dots', () => {
    const namespaced = { ...mapping, roleClaim: 'https://llmgw.example/roles' };
    expect(principalFromExternalClaims({ sub: 'u3', 'https://llmgw.example/roles': ['admin'] }, namespaced).role).toBe('admin');
  });

  it('refuses a token without a known role, and one without sub', () => {
    expect(() => principalFromExternalClaims({ sub: 'u4', role: 'owner' }, mapping)).toThrow(
      expect.objectContaining({ type: 'permission_error', code: 'no_admin_role' }),
    );
    expect(() => principalFromExternalClaims({ sub: 'u5' }, mapping)).toThrow(expect.objectContaining({ code: 'no_admin_role' }));
    expect(() => principalFromExternalClaims({ role: 'admin' }, mapping)).toThrow(
      expect.objectContaining({ type: 'authentication_error', code: 'invalid_token' }),
    );
  });
});
