import { readFileSync } from 'node:fs';
import { Socket } from 'node:net';

export interface SlowSocket {
  /** When the server closed it (null while open). */
  closedAt: number | null;
  stop(): void;
}

/** Resolves once the socket is connected (or failed: then it counts as closed at once). */
function connect(url: string, onClose: () => void): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = new Socket();
  socket.on('error', () => undefined);
  socket.once('close', onClose);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(socket));
    socket.once('error', () => resolve(socket));
    socket.connect(Number(port), hostname);
  });
}

/**
 * Slowloris: a request head sent a byte at a time, never finished. The server must close it
 * (headers timeout); the trickle stops on its own after `maxBytes`, so the loop is bounded.
 */
export async function slowlorisSocket(url: string, intervalMs: number, maxBytes = 200): Promise<SlowSocket> {
  const state: SlowSocket = { closedAt: null, stop: () => undefined };
  const socket = await connect(url, () => (state.closedAt ??= Date.now()));
  const head = Buffer.from(`POST /v1/chat/completions HTTP/1.1\r\nHost: chaos\r\nX-Slow: ${'a'.repeat(maxBytes)}`);
  let sent = 0;
  const timer = setInterval(() => {
    if (sent >= head.length || socket.destroyed) return clearInterval(timer);
    socket.write(head.subarray(sent, sent + 1));
    sent += 1;
  }, intervalMs);
  state.stop = () => {
    clearInterval(timer);
    socket.destroy();
  };
  return state;
}

export interface NeverReadingSocket extends SlowSocket {
  /**
   * Starts reading at last: what the server left in the kernel buffers arrives, then its FIN if it
   * closed the socket (a paused socket cannot see the close before). Whether it ended within `waitMs`.
   */
  readRest(waitMs: number): Promise<{ closedByServer: boolean; sawDone: boolean }>;
}

/** A complete streaming request whose answer is not read: the server must give up on it. */
export async function neverReadingSocket(url: string, apiKey: string, model: string, requestId: string): Promise<NeverReadingSocket> {
  const state: NeverReadingSocket = { closedAt: null, stop: () => undefined, readRest: async () => ({ closedByServer: false, sawDone: false }) };
  const socket = await connect(url, () => (state.closedAt ??= Date.now()));
  const body = JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: `never read ${requestId}` }] });
  socket.pause(); // nothing is read: the kernel buffers fill, then the server's writes stall
  let received = '';
  socket.on('data', (bytes: Buffer) => (received += bytes.toString('latin1')));
  state.readRest = async (waitMs) => {
    socket.resume();
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      const done = () => (clearTimeout(timer), resolve(null));
      socket.once('close', done);
      socket.on('data', () => received.includes('data: [DONE]') && done());
    });
    return { closedByServer: state.closedAt !== null, sawDone: received.includes('data: [DONE]') };
  };
  socket.write(
    `POST /v1/chat/completions HTTP/1.1\r\nHost: chaos\r\nAuthorization: Bearer ${apiKey}\r\nContent-Type: application/json\r\n` +
      `X-Request-Id: ${requestId}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  state.stop = () => socket.destroy();
  return state;
}

/** Resident memory of a process in bytes (Linux). */
export function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) * 1024;
}
