import { GatewayError } from '@llmgw/contracts';
import type { AdminPrincipal } from './admin-principal';

/** How an external identity provider's claims map onto our two roles. */
export interface ExternalClaimMapping {
  /** Dotted path: `role`, `groups`, `realm_access.roles`. */
  roleClaim: string;
  adminRoles: readonly string[];
  viewerRoles: readonly string[];
  emailClaim: string;
}

/**
 * The admin behind a verified external token. The role claim may be a string or an array of
 * strings; any admin value wins, then any viewer value; a token with neither gets no access.
 */
export function principalFromExternalClaims(payload: unknown, mapping: ExternalClaimMapping): AdminPrincipal {
  const claims = (payload ?? {}) as Record<string, unknown>;
  const sub = claims['sub'];
  if (typeof sub !== 'string' || sub.length === 0)
    throw new GatewayError('authentication_error', 'Invalid access token claims: sub is missing.', { code: 'invalid_token' });
  const values = roleValues(claimAt(claims, mapping.roleClaim));
  const role = values.some((value) => mapping.adminRoles.includes(value))
    ? 'admin'
    : values.some((value) => mapping.viewerRoles.includes(value))
      ? 'viewer'
      : null;
  if (!role)
    throw new GatewayError('permission_error', `The token's "${mapping.roleClaim}" claim grants no admin API role.`, {
      code: 'no_admin_role',
    });
  const email = claims[mapping.emailClaim];
  return { id: sub, email: typeof email === 'string' && email.length > 0 ? email.toLowerCase() : sub, role };
}

function claimAt(claims: Record<string, unknown>, path: string): unknown {
  // A claim name may itself contain dots (namespaced claims such as https://example.com/roles).
  if (path in claims) return claims[path];
  return path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), claims);
}

function roleValues(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  if (Array.isArray(claim)) return claim.filter((value): value is string => typeof value === 'string');
  return [];
}
