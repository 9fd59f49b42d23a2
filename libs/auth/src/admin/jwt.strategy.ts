import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ADMIN_ROLES } from '@llmgw/accounts';
import type { AdminConfig } from '@llmgw/config';
import { GatewayError } from '@llmgw/contracts';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { z } from 'zod';
import type { AdminPrincipal } from './admin-principal';

export const ADMIN_JWT_STRATEGY = 'admin-jwt';

const claimsSchema = z.object({ sub: z.string().min(1), email: z.string().min(1), role: z.enum(ADMIN_ROLES) });

/**
 * Verifies admin bearer tokens: HS256 only (no `none`, no algorithm confusion), expiry
 * enforced, issuer and audience checked.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, ADMIN_JWT_STRATEGY) {
  constructor(config: ConfigService<AdminConfig, true>) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.get('JWT_SECRET', { infer: true }),
      algorithms: ['HS256'],
      ignoreExpiration: false,
      issuer: config.get('JWT_ISSUER', { infer: true }),
      audience: config.get('JWT_AUDIENCE', { infer: true }),
    });
  }

  validate(payload: unknown): AdminPrincipal {
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success)
      throw new GatewayError('authentication_error', 'Invalid access token claims.', { code: 'invalid_token' });
    return { id: claims.data.sub, email: claims.data.email, role: claims.data.role };
  }
}
