import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { GatewayError } from '@llmgw/contracts';
import type { AuthenticatedRequest } from './api-key.guard';

/**
 * The gateway's write endpoints (cache invalidation, breaker resets) need a key with the
 * `admin` scope. Runs after ApiKeyGuard, which puts the caller on the request.
 */
@Injectable()
export class AdminScopeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
    if (caller?.policy?.scopes.includes('admin')) return true;
    throw new GatewayError('permission_error', 'This endpoint needs an API key with the admin scope.', { code: 'admin_scope_required' });
  }
}
