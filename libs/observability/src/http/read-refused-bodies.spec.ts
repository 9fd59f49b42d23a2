import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { installReadRefusedBodies, REFUSED_BODY_READ_LIMIT } from './read-refused-bodies';

const BODY_LIMIT = 64 * 1024;

interface Outcome {
  status: number | string;
  /** The answer said `connection: close`. */
  closes: boolean;
}

/** Uploads `bytes` (declared and, up to `sendBytes`, sent) and reports the answer, or the socket error that came first. */
function upload(port: number, bytes: number, sendBytes = bytes): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/echo', headers: { 'content-type': 'application/json', 'content-length': bytes } }, (res) => {
      res.resume();
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, closes: res.headers.connection === 'close' });
        req.destroy(); // done with this connection either way
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: error.code ?? error.message, closes: true }));
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < sendBytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, sendBytes - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      if (sendBytes === bytes) req.end();
    };
    pump();
  });
}

describe('installReadRefusedBodies', () => {
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    app = Fastify({ bodyLimit: BODY_LIMIT, forceCloseConnections: true });
    installReadRefusedBodies(app);
    app.post('/echo', async () => ({ ok: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });

  afterAll(() => app.close());

  it('answers 413 to a body over the limit and keeps the connection, reading the rest of the upload', async () => {
    // Closing here would race the client's upload: under load it sees EPIPE instead of the 413.
    await expect(upload(port, 8 * 1024 * 1024)).resolves.toEqual({ status: 413, closes: false });
  });

  it('still closes the connection when the declared body is larger than it is worth reading', async () => {
    // Only the head and a little of the body are sent: the answer must not wait for the rest.
    await expect(upload(port, REFUSED_BODY_READ_LIMIT + 1, 64 * 1024)).resolves.toEqual({ status: 413, closes: true });
  });
});
