import type { Server } from 'node:http';
import type { FastifyInstance, RouteOptions } from 'fastify';

const IDLE_SWEEP_MS = 50;

const SHUTTING_DOWN = {
  error: { message: 'The server is shutting down; retry on another instance', type: 'service_unavailable', param: null, code: 'shutting_down' },
};

/**
 * Stops an HTTP app the way a rolling deployment needs: no new work (the port closes, a request
 * on a kept-alive connection gets a 503 and `connection: close`), every request in flight runs
 * to its end (its route handler included, so what it meters is recorded), connections close as
 * they go idle, and only what is still running when the grace period ends is cut.
 *
 * Construct it on the Fastify instance before any route is registered: it counts in-flight
 * requests by wrapping each route's handler (hijacked streams have no onResponse hook).
 */
export class GracefulDrain {
  private inFlight = 0;
  private draining = false;
  private onIdle: (() => void) | null = null;

  constructor(private readonly fastify: FastifyInstance) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the wrapped handler runs with Fastify's `this`
    const drain = this;
    fastify.addHook('onRoute', (route: RouteOptions) => {
      const handler = route.handler;
      route.handler = async function counted(this: FastifyInstance, ...args: Parameters<typeof handler>) {
        drain.inFlight += 1;
        try {
          return await handler.apply(this, args);
        } finally {
          drain.inFlight -= 1;
          if (drain.inFlight === 0) drain.onIdle?.();
        }
      };
    });
    fastify.addHook('onRequest', async (_request, reply) => {
      if (this.draining) await reply.code(503).header('connection', 'close').header('retry-after', '1').send(SHUTTING_DOWN);
    });
  }

  /** Requests whose handler has not finished yet. */
  get requestsInFlight(): number {
    return this.inFlight;
  }

  /** Resolves once nothing runs any more, or when `graceMs` is over; then every connection is closed. */
  async drain(graceMs: number): Promise<{ cut: number }> {
    this.draining = true;
    const server = this.fastify.server as Server;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Kept-alive connections would hold the close open: each one goes as soon as it is idle.
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
    const idle = new Promise<void>((resolve) => {
      if (this.inFlight === 0) resolve();
      else this.onIdle = resolve;
    });
    const outcome = await Promise.race([idle.then(() => 'idle' as const), graceOver]);
    const cut = outcome === 'late' ? this.inFlight : 0;
    clearTimeout(timer);
    clearInterval(sweep);
    server.closeAllConnections();
    await closed;
    return { cut };
  }
}
