import type { FastifyInstance } from 'fastify';

/** Headers on every answer; an API's JSON is never framed, sniffed, cached or a referrer. */
const ALWAYS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-permitted-cross-domain-policies': 'none',
};

// Data, not pages: nothing in it may load or run. HTML pages (the dashboard, /docs) keep their own CSP.
const DATA_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Security headers for the admin API (issue 11). Set in onSend, so errors, 404s and framework
 * refusals carry them too; a header a route set itself (the dashboard's CSP, a file's caching)
 * is kept.
 */
export function installSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(ALWAYS)) if (!reply.hasHeader(name)) void reply.header(name, value);
    const type = String(reply.getHeader('content-type') ?? '');
    if (!type.startsWith('text/html')) {
      if (!reply.hasHeader('content-security-policy')) void reply.header('content-security-policy', DATA_CSP);
      if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
