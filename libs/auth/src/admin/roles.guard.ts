import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AdminRole } from '@llmgw/accounts';
import { GatewayError } from '@llmgw/contracts';
import type { AdminPrincipal } from './admin-principal';
import { ROLES_KEY } from './roles.decorator';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Runs after JwtAuthGuard. A route with @Roles needs one of the listed roles (the method's
 * list overrides the class's). Without @Roles, reads are open to any authenticated user and
 * writes need `admin`: a forgotten decorator can never hand a viewer a write.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ user?: AdminPrincipal; method?: string }>();
    const user = request.user;
    if (!user) throw new GatewayError('authentication_error', 'Authentication required.', { code: 'missing_token' });
    const declared = this.reflector.getAllAndOverride<AdminRole[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const allowed = declared ?? (READ_METHODS.has((request.method ?? 'GET').toUpperCase()) ? undefined : ['admin']);
    if (!allowed || allowed.includes(user.role)) return true;
    throw new GatewayError('permission_error', `This action requires the ${allowed.join(' or ')} role.`, {
      code: 'insufficient_role',
    });
  }
}
