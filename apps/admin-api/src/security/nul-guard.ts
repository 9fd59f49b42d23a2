import { GatewayError } from '@llmgw/contracts';
import type { FastifyInstance } from 'fastify';

const MAX_DEPTH = 64;

/** True when a string, key or nested value holds U+0000 (or nests deeper than any admin body). */
function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (typeof value !== 'object' || value === null) return false;
  if (depth > MAX_DEPTH) return true;
  if (Array.isArray(value)) return value.some((item) => holdsNul(item, depth + 1));
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || holdsNul(item, depth + 1));
}

/**
 * Postgres text and jsonb cannot hold U+0000: such input reached the driver and came back as a
 * 500 (found by the chaos suite). The admin API never needs it, so it is refused as a 400 first.
 */
export function installNulGuard(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', async (request, reply) => {
    if (!holdsNul(request.body) && !holdsNul(request.query) && !holdsNul(request.params)) return;
    const body = new GatewayError('invalid_request_error', 'Text must not contain U+0000 (NUL) or nest deeper than 64 levels', { code: 'invalid_text' }).toBody();
    return reply.status(400).header('content-type', 'application/json; charset=utf-8').send(body);
  });
}
