import type { FastifyCorsOptions } from '@fastify/cors';

/**
 * CORS for the admin API: only the listed origins (ADMIN_CORS_ORIGINS; the dashboard is same-origin
 * and needs none). Tokens travel in the Authorization header, never in cookies, so credentials
 * are not allowed; a refused origin gets no Access-Control-Allow-Origin and the browser blocks it.
 */
export function adminCorsOptions(allowedOrigins: readonly string[]): FastifyCorsOptions {
  const allowed = new Set(allowedOrigins);
  return {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
    exposedHeaders: ['x-request-id'],
    credentials: false,
    maxAge: 600,
    strictPreflight: true,
  };
}
