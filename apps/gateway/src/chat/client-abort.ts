import type { FastifyReply } from 'fastify';

/** Aborts when the client goes away before the answer is complete, so the upstream call stops. */
export function abortOnClientClose(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new Error('client closed the connection'));
  });
  return controller.signal;
}
