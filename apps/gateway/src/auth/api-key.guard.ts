import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ApiKeyAuthenticator } from '@llmgw/auth';
import type { CallerContext } from '@llmgw/contracts';
import type { FastifyRequest } from 'fastify';

export type AuthenticatedRequest = FastifyRequest & { caller?: CallerContext };

/** `Authorization: Bearer <api key>` on every /v1 route; the caller rides on the request. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly authenticator: ApiKeyAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = await this.authenticator.authenticate(this.credentialsOf(request));
    request.caller = { requestId: request.id, apiKeyId: key.apiKeyId, teamId: key.teamId, policy: key.policy };
    return true;
  }

  /** The `Authorization` header value the authenticator checks. */
  protected credentialsOf(request: FastifyRequest): string | undefined {
    return request.headers.authorization;
  }
}
