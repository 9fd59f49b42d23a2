import type { FastifyInstance } from 'fastify';

/** A body up to this many bytes is read and dropped after a 413, so the client sees the answer. */
export const REFUSED_BODY_READ_LIMIT = 16 * 1024 * 1024;

/**
 * Fastify answers a body over its limit with 413 and `connection: close` before reading it; a
 * client still uploading then gets EPIPE or a reset instead of the 413 (the chaos suite saw it).
 * For a declared length up to `REFUSED_BODY_READ_LIMIT`, the connection is kept: Node reads the
 * rest of the body and drops it, and the client reads the 413. Larger uploads are still cut.
 */
export function installReadRefusedBodies(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply) => {
    if (reply.statusCode !== 413) return;
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared <= REFUSED_BODY_READ_LIMIT) reply.removeHeader('connection');
  });
}
