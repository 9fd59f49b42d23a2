import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { GracefulDrain } from './graceful-drain';

describe('GracefulDrain', () => {
  let app: FastifyInstance;
  let drain: GracefulDrain;
  let url: string;
  let finishSlow: () => void;
  const handlerFinished: string[] = [];

  beforeEach(async () => {
    handlerFinished.length = 0;
    app = Fastify();
    drain = new GracefulDrain(app);
    app.get('/slow', async (_request, reply) => {
      // Like a hijacked stream: the answer ends, then the handler still has work (metering).
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'text/plain' });
      reply.raw.write('first ');
      await new Promise<void>((resolve) => (finishSlow = resolve));
      reply.raw.end('last');
      await new Promise((resolve) => setTimeout(resolve, 20));
      handlerFinished.push('slow');
    });
    app.get('/fast', async () => ({ ok: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    app.server.closeAllConnections();
    await app.close().catch(() => undefined);
  });

  it('refuses new work, lets the request in flight finish its handler, then resolves with nothing cut', async () => {
    const slow = fetch(`${url}/slow`).then((response) => response.text());
    await waitUntil(() => drain.requestsInFlight === 1);
    const drained = drain.drain(5_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The port is closed to new connections.
    await expect(fetch(`${url}/fast`, { headers: { connection: 'close' } })).rejects.toThrow();
    finishSlow();
    expect(await slow).toBe('first last');
    expect(await drained).toEqual({ cut: 0 });
    expect(handlerFinished).toEqual(['slow']);
  });

  it('cuts what is still running when the grace period is over', async () => {
    const slow = fetch(`${url}/slow`).then((response) => response.text());
    await waitUntil(() => drain.requestsInFlight === 1);
    expect(await drain.drain(100)).toEqual({ cut: 1 });
    await expect(slow).rejects.toThrow();
    finishSlow();
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 200) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
