import type { AdminRole } from '@llmgw/accounts';

/** The admin behind a verified JWT, as set on `request.user`. */
export interface AdminPrincipal {
  id: string;
  email: string;
  role: AdminRole;
}

/** Claims we sign into admin tokens (iss, aud, iat and exp are added by @nestjs/jwt). */
export interface AdminTokenClaims {
  sub: string;
  email: string;
  role: AdminRole;
}
