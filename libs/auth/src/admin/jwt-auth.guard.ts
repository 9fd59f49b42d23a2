import { type CanActivate, type ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { GatewayError } from '@llmgw/contracts';
import { ADMIN_EXTERNAL_JWT_STRATEGY } from './external-jwt.strategy';
import { ADMIN_JWT_STRATEGY } from './jwt.strategy';

/** The external identity provider's issuer, or null when none is configured. */
export const EXTERNAL_JWT_ISSUER = Symbol('EXTERNAL_JWT_ISSUER');

/** Failures become OpenAI-style authentication errors, whichever strategy ran. */
class LocalJwtGuard extends AuthGuard(ADMIN_JWT_STRATEGY) {
  override handleRequest<TUser>(error: unknown, user: TUser | false, info: unknown): TUser {
    return settle(error, user, info);
  }
}

class ExternalJwtGuard extends AuthGuard(ADMIN_EXTERNAL_JWT_STRATEGY) {
  override handleRequest<TUser>(error: unknown, user: TUser | false, info: unknown): TUser {
    return settle(error, user, info);
  }
}

/**
 * Requires a valid admin bearer token. Our own login's tokens (HS256) and an external
 * identity provider's (RS256/ES256) are told apart by their unverified `iss`; that only picks
 * the verifier, and each verifier then pins its own algorithm, key, issuer and audience.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly local = new LocalJwtGuard();
  private readonly external = new ExternalJwtGuard();

  constructor(@Optional() @Inject(EXTERNAL_JWT_ISSUER) private readonly externalIssuer: string | null = null) {}

  canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    const useExternal = this.externalIssuer !== null && unverifiedIssuer(request.headers['authorization']) === this.externalIssuer;
    return (useExternal ? this.external : this.local).canActivate(context) as Promise<boolean>;
  }
}

function unverifiedIssuer(header: string | string[] | undefined): string | undefined {
  const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1] : undefined;
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const iss = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown }).iss;
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

function settle<TUser>(error: unknown, user: TUser | false, info: unknown): TUser {
  if (error instanceof GatewayError) throw error;
  if (user) return user;
  throw new GatewayError('authentication_error', describeFailure(info), { code: codeOf(info), cause: error ?? info });
}

// passport-jwt reports why through `info`: a jsonwebtoken error or "No auth token".
function describeFailure(info: unknown): string {
  const name = info instanceof Error ? info.name : '';
  if (name === 'TokenExpiredError') return 'The access token has expired. Log in again.';
  if (info instanceof Error && info.message === 'No auth token')
    return 'Missing access token: send "Authorization: Bearer <token>" from POST /admin/auth/login.';
  return 'Invalid access token.';
}

function codeOf(info: unknown): string {
  if (info instanceof Error && info.name === 'TokenExpiredError') return 'token_expired';
  if (info instanceof Error && info.message === 'No auth token') return 'missing_token';
  return 'invalid_token';
}
