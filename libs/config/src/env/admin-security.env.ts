import { z } from 'zod';

/**
 * Browser access to the admin API (issue 11). The dashboard is served by the admin API itself
 * (same origin), so by default no other origin may call it; list others explicitly.
 */
export const adminSecurityEnvShape = {
  ADMIN_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item.length > 0))
    .pipe(z.array(z.url().refine((origin) => new URL(origin).origin === origin, 'must be an origin: scheme://host[:port], no path'))),
};
