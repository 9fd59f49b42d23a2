import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AdminRole } from '@llmgw/accounts';
import { GatewayError } from '@llmgw/contracts';
import type { AdminPrincipal } from './admin-principal';
import { ROLES_KEY } from './roles.decorator';

/**
 * Runs after JwtAuthGuard. A route without @Roles is open to any authenticated admin user;
 * one with @Roles needs one of the listed roles (the method's list overrides the class's).
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<{ user?: AdminPrincipal }>().user;
    if (!user) throw new GatewayError('authentication_error', 'Authentication required.', { code: 'missing_token' });
    const allowed = this.reflector.getAllAndOverride<AdminRole[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!allowed || allowed.includes(user.role)) return true;
    throw new GatewayError('permission_error', `This action requires the ${allowed.join(' or ')} role.`, {
      code: 'insufficient_role',
    });
  }
}
