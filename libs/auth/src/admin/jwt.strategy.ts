import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ADMIN_ROLES, AdminUserRepository } from '@llmgw/accounts';
import type { AdminConfig } from '@llmgw/config';
import { GatewayError } from '@llmgw/contracts';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { z } from 'zod';
import type { AdminPrincipal } from './admin-principal';

export const ADMIN_JWT_STRATEGY = 'admin-jwt';

const claimsSchema = z.object({ sub: z.string().min(1), email: z.string().min(1), role: z.enum(ADMIN_ROLES) });

/**
 * Verifies tokens from our own login: HS256 only (no `none`, no algorithm confusion), expiry
 * enforced, issuer and audience checked. The user is re-read on every request, so a deleted
 * or demoted user loses access at once instead of when the token expires.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, ADMIN_JWT_STRATEGY) {
  constructor(
    config: ConfigService<AdminConfig, true>,
    private readonly users: AdminUserRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.get('JWT_SECRET', { infer: true }),
      algorithms: ['HS256'],
      ignoreExpiration: false,
      issuer: config.get('JWT_ISSUER', { infer: true }),
      audience: config.get('JWT_AUDIENCE', { infer: true }),
    });
  }

  async validate(payload: unknown): Promise<AdminPrincipal> {
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success)
      throw new GatewayError('authentication_error', 'Invalid access token claims.', { code: 'invalid_token' });
    const user = await this.users.findById(claims.data.sub);
    if (!user)
      throw new GatewayError('authentication_error', 'This admin user no longer exists.', { code: 'user_not_found' });
    return { id: user.id, email: user.email, role: user.role };
  }
}
