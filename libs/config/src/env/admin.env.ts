import { z } from 'zod';
import { optionalSecret, positiveInt, url } from '../env.fields';

const csv = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item.length > 0));

/**
 * The admin API control plane (issue 9). Local tokens (login) are always HS256 under
 * JWT_SECRET; an external identity provider is optional and verified with ONE pinned
 * asymmetric algorithm, so a token can never pick how it is checked (algorithm confusion).
 */
export const adminControlEnvShape = {
  JWT_EXTERNAL_ALGORITHM: z.enum(['RS256', 'ES256']).default('RS256'),
  // A PEM public key; `\n` escapes are accepted so it fits on one env line.
  JWT_EXTERNAL_PUBLIC_KEY: z
    .string()
    .min(1)
    .optional()
    .transform((value) => value?.replace(/\\n/g, '\n')),
  JWT_EXTERNAL_JWKS_URL: z.url().optional(),
  JWT_EXTERNAL_ISSUER: z.string().min(1).optional(),
  JWT_EXTERNAL_AUDIENCE: z.string().min(1).optional(),
  /** Dotted path to the role claim, e.g. `role`, `groups` or `realm_access.roles`. */
  JWT_EXTERNAL_ROLE_CLAIM: z.string().regex(/^[A-Za-z0-9_:/.-]+$/).default('role'),
  JWT_EXTERNAL_ADMIN_ROLES: csv('admin'),
  JWT_EXTERNAL_VIEWER_ROLES: csv('viewer'),
  JWT_EXTERNAL_EMAIL_CLAIM: z.string().min(1).default('email'),
  KEY_ROTATION_OVERLAP_SECONDS: z.coerce.number().int().min(0).max(30 * 86_400).default(86_400),
  GATEWAY_URL: url('http://127.0.0.1:8001'),
  GATEWAY_ADMIN_API_KEY: optionalSecret(),
  GATEWAY_STATUS_TIMEOUT_MS: positiveInt(5_000),
};

interface ExternalJwtEnv {
  JWT_ISSUER: string;
  JWT_EXTERNAL_PUBLIC_KEY?: string | undefined;
  JWT_EXTERNAL_JWKS_URL?: string | undefined;
  JWT_EXTERNAL_ISSUER?: string | undefined;
}

/** An external identity provider needs exactly one key source and its own issuer. */
export function refineExternalJwt(env: ExternalJwtEnv, ctx: z.RefinementCtx): void {
  const keySources = [env.JWT_EXTERNAL_PUBLIC_KEY, env.JWT_EXTERNAL_JWKS_URL].filter(Boolean).length;
  if (keySources > 1)
    ctx.addIssue({ code: 'custom', path: ['JWT_EXTERNAL_JWKS_URL'], message: 'set JWT_EXTERNAL_PUBLIC_KEY or JWT_EXTERNAL_JWKS_URL, not both' });
  if (keySources > 0 && !env.JWT_EXTERNAL_ISSUER)
    ctx.addIssue({ code: 'custom', path: ['JWT_EXTERNAL_ISSUER'], message: 'must be set when an external JWT key is configured' });
  if (env.JWT_EXTERNAL_ISSUER && keySources === 0)
    ctx.addIssue({ code: 'custom', path: ['JWT_EXTERNAL_ISSUER'], message: 'needs JWT_EXTERNAL_PUBLIC_KEY or JWT_EXTERNAL_JWKS_URL' });
  if (env.JWT_EXTERNAL_ISSUER && env.JWT_EXTERNAL_ISSUER === env.JWT_ISSUER)
    ctx.addIssue({ code: 'custom', path: ['JWT_EXTERNAL_ISSUER'], message: 'must differ from JWT_ISSUER (local tokens)' });
  if (env.JWT_EXTERNAL_PUBLIC_KEY && !env.JWT_EXTERNAL_PUBLIC_KEY.includes('-----BEGIN PUBLIC KEY-----'))
    ctx.addIssue({ code: 'custom', path: ['JWT_EXTERNAL_PUBLIC_KEY'], message: 'must be a PEM public key (-----BEGIN PUBLIC KEY-----)' });
}
