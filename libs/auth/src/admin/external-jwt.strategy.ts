import type { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import type { AdminConfig } from '@llmgw/config';
import { ExtractJwt, Strategy, type StrategyOptionsWithoutRequest } from 'passport-jwt';
import type { AdminPrincipal } from './admin-principal';
import { type ExternalClaimMapping, principalFromExternalClaims } from './external-claims.mapper';
import { JwksKeyProvider } from './jwks-key.provider';

export const ADMIN_EXTERNAL_JWT_STRATEGY = 'admin-jwt-external';

/** Is an external identity provider configured (a public key or a JWKS URL, and its issuer)? */
export function externalJwtIssuer(config: ConfigService<AdminConfig, true>): string | null {
  const keyed = config.get('JWT_EXTERNAL_PUBLIC_KEY', { infer: true }) ?? config.get('JWT_EXTERNAL_JWKS_URL', { infer: true });
  return keyed ? (config.get('JWT_EXTERNAL_ISSUER', { infer: true }) ?? null) : null;
}

/**
 * Verifies an external identity provider's tokens with ONE pinned asymmetric algorithm
 * (RS256 or ES256) and its public key, from config or from its JWKS (fetched by `kid`,
 * cached, refetched at most every 10 s for an unknown `kid`). An HS256 token "signed" with the public key is refused by the pin.
 */
export class ExternalJwtStrategy extends PassportStrategy(Strategy, ADMIN_EXTERNAL_JWT_STRATEGY) {
  private readonly mapping: ExternalClaimMapping;

  constructor(config: ConfigService<AdminConfig, true>) {
    const publicKey = config.get('JWT_EXTERNAL_PUBLIC_KEY', { infer: true });
    const jwksUri = config.get('JWT_EXTERNAL_JWKS_URL', { infer: true });
    const key = publicKey
      ? { secretOrKey: publicKey }
      : { secretOrKeyProvider: new JwksKeyProvider(jwksUri!, config.get('JWT_EXTERNAL_ALGORITHM', { infer: true })).secretOrKeyProvider };
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      ...key,
      algorithms: [config.get('JWT_EXTERNAL_ALGORITHM', { infer: true })],
      ignoreExpiration: false,
      issuer: config.get('JWT_EXTERNAL_ISSUER', { infer: true })!,
      audience: config.get('JWT_EXTERNAL_AUDIENCE', { infer: true }) ?? config.get('JWT_AUDIENCE', { infer: true }),
    } as StrategyOptionsWithoutRequest);
    this.mapping = {
      roleClaim: config.get('JWT_EXTERNAL_ROLE_CLAIM', { infer: true }),
      adminRoles: config.get('JWT_EXTERNAL_ADMIN_ROLES', { infer: true }),
      viewerRoles: config.get('JWT_EXTERNAL_VIEWER_ROLES', { infer: true }),
      emailClaim: config.get('JWT_EXTERNAL_EMAIL_CLAIM', { infer: true }),
    };
  }

  validate(payload: unknown): AdminPrincipal {
    return principalFromExternalClaims(payload, this.mapping);
  }
}
