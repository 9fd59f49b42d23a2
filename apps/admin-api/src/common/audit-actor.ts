import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AdminPrincipal } from '@llmgw/auth';
import { GatewayError } from '@llmgw/contracts';

/** Who made a change, and in which request, as the audit log records it. */
export interface AuditActor {
  id: string;
  email: string;
  requestId: string | null;
}

/** The authenticated admin behind this request, with the request id (set in main.ts). */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): AuditActor => {
  const request = context.switchToHttp().getRequest<{ user?: AdminPrincipal; id?: unknown }>();
  if (!request.user) throw new GatewayError('authentication_error', 'Authentication required.', { code: 'missing_token' });
  return { id: request.user.id, email: request.user.email, requestId: request.id === undefined ? null : String(request.id) };
});
