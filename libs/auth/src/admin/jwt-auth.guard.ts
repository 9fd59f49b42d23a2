import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { GatewayError } from '@llmgw/contracts';
import { ADMIN_JWT_STRATEGY } from './jwt.strategy';

/** Requires a valid admin bearer token; failures are OpenAI-style authentication errors. */
@Injectable()
export class JwtAuthGuard extends AuthGuard(ADMIN_JWT_STRATEGY) {
  override handleRequest<TUser>(error: unknown, user: TUser | false, info: unknown): TUser {
    if (error instanceof GatewayError) throw error;
    if (user) return user;
    throw new GatewayError('authentication_error', describeFailure(info), { code: codeOf(info), cause: error ?? info });
  }
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
