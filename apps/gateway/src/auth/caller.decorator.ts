import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CallerContext } from '@llmgw/contracts';
import type { AuthenticatedRequest } from './api-key.guard';

/** The authenticated caller; only valid behind `ApiKeyGuard`. */
export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): CallerContext => {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  if (!caller) throw new Error('Caller used on a route without ApiKeyGuard');
  return caller;
});
