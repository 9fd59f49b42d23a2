import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientBackpressure } from './client-backpressure';

const FRAME = `data: ${'x'.repeat(16 * 1024)}\n\n`;

/** A server whose one response is handed to the test, and a client that does not read until told. */
async function streamingPair(): Promise<{ response: ServerResponse; client: IncomingMessage; server: Server }> {
  let handed: (response: ServerResponse) => void = () => undefined;
  const responded = new Promise<ServerResponse>((resolve) => (handed = resolve));
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.flushHeaders();
    handed(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = await new Promise<IncomingMessage>((resolve) => request({ port, host: '127.0.0.1', path: '/' }, resolve).end());
  client.pause();
  return { response: await responded, client, server };
}

/** Writes until the socket refuses more (bounded: a few MB at most). */
function fill(backpressure: ClientBackpressure): number {
  let frames = 0;
  while (!backpressure.drained() && frames < 1_000) {
    backpressure.write(FRAME);
    frames += 1;
  }
  return frames;
}

describe('ClientBackpressure', () => {
  let server: Server | null = null;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = null;
  });

  it('says nothing while the client keeps up, then waits until it has read', async () => {
    const pair = await streamingPair();
    server = pair.server;
    const backpressure = new ClientBackpressure(pair.response, 60_000);
    expect(backpressure.drained()).toBeNull();
    const frames = fill(backpressure);
    expect(frames).toBeLessThan(1_000);
    const behind = backpressure.drained();
    expect(behind).not.toBeNull();
    pair.client.resume();
    await behind;
    expect(backpressure.drained()).toBeNull();
    expect(pair.response.destroyed).toBe(false);
  });

  it('cuts a client that reads nothing for stallMs', async () => {
    const pair = await streamingPair();
    server = pair.server;
    const backpressure = new ClientBackpressure(pair.response, 100);
    // Loopback socket buffers and the client's stream take several MB before the socket stops taking more.
    let written = 0;
    for (let round = 0; round < 4_000 && !pair.response.destroyed; round += 1) {
      written += fill(backpressure);
      await backpressure.drained();
    }
    expect(pair.response.destroyed).toBe(true);
    expect(written * FRAME.length).toBeLessThan(64 * 1024 * 1024);
    backpressure.write(FRAME); // a late write to a cut client is dropped, not thrown
  });
});
