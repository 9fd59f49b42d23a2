import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GatewayError } from '@llmgw/contracts';
import type { AdminPrincipal } from './admin-principal';
import { Roles } from './roles.decorator';
import { RolesGuard } from './roles.guard';

@Roles('admin', 'viewer')
class KeysController {
  list(): void {}
  @Roles('admin')
  create(): void {}
}

class OpenController {
  anything(): void {}
}

function contextFor(controller: new () => object, method: string, user?: AdminPrincipal, httpMethod = 'GET'): ExecutionContext {
  return {
    switchToHttp: () => ({ getRequest: () => ({ user, method: httpMethod }) }),
    getHandler: () => (controller.prototype as Record<string, unknown>)[method],
    getClass: () => controller,
  } as unknown as ExecutionContext;
}

const admin: AdminPrincipal = { id: 'u1', email: 'a@example.test', role: 'admin' };
const viewer: AdminPrincipal = { id: 'u2', email: 'v@example.test', role: 'viewer' };

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());

  it('lets any listed role through', () => {
    expect(guard.canActivate(contextFor(KeysController, 'list', viewer))).toBe(true);
    expect(guard.canActivate(contextFor(KeysController, 'list', admin))).toBe(true);
    expect(guard.canActivate(contextFor(KeysController, 'create', admin))).toBe(true);
  });

  it('refuses a role the method does not list, with a permission error', () => {
    const attempt = () => guard.canActivate(contextFor(KeysController, 'create', viewer));
    expect(attempt).toThrow(GatewayError);
    expect(attempt).toThrow(expect.objectContaining({ type: 'permission_error', status: 403 }));
  });

  it('opens reads without @Roles to any authenticated user', () => {
    expect(guard.canActivate(contextFor(OpenController, 'anything', viewer))).toBe(true);
  });

  it('keeps writes without @Roles for admins', () => {
    expect(guard.canActivate(contextFor(OpenController, 'anything', admin, 'POST'))).toBe(true);
    expect(() => guard.canActivate(contextFor(OpenController, 'anything', viewer, 'DELETE'))).toThrow(
      expect.objectContaining({ type: 'permission_error' }),
    );
  });

  it('refuses an unauthenticated request with an authentication error', () => {
    expect(() => guard.canActivate(contextFor(OpenController, 'anything'))).toThrow(
      expect.objectContaining({ type: 'authentication_error' }),
    );
  });
});
