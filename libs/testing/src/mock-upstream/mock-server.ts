import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { behaviourFromHeaders, DEFAULT_UPSTREAM_BEHAVIOUR, type UpstreamBehaviour } from './upstream-behaviour';

export interface RecordedRequest {
  method: string;
  /** The path without its query string. */
  path: string;
  /** The query string without '?', '' when there was none (e.g. Azure's 'api-version=2024-10-21'). */
  query: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined when there was none or it was not JSON). */
  body: unknown;
  /** True once the client closed the connection before the answer was complete (an upstream abort). */
  closedByClient: boolean;
}

/** What the shared plumbing itself reads of a behaviour; each mock adds its own fields. */
export type ServerBehaviour = Pick<UpstreamBehaviour, 'latencyMs' | 'hang' | 'writeBytes' | 'failMidStream' | 'chunkIntervalMs'> &
  Partial<Pick<UpstreamBehaviour, 'responseHeaders'>>;

export interface MockServer<B extends ServerBehaviour = UpstreamBehaviour> {
  port: number;
  requests: RecordedRequest[];
  setBehaviour(behaviour: Partial<B>): void;
  /** TCP connections currently open (keep-alive ones included). */
  openConnections(): number;
  close(): Promise<void>;
}

/** Answers one recorded request with the behaviour in force (server-wide merged with `x-mock-*` headers). */
export type MockAnswer<B extends ServerBehaviour = UpstreamBehaviour> = (request: RecordedRequest, res: ServerResponse, behaviour: B) => Promise<void>;

/** A mock's behaviour: its defaults and how `x-mock-*` headers override them per request. */
export interface BehaviourKind<B extends ServerBehaviour> {
  defaults: B;
  fromHeaders(headers: IncomingHttpHeaders): Partial<B>;
}

const OPENAI_BEHAVIOUR: BehaviourKind<UpstreamBehaviour> = { defaults: DEFAULT_UPSTREAM_BEHAVIOUR, fromHeaders: behaviourFromHeaders };

// Responses the server itself broke off (failMidStream), so they do not count as client aborts.
const serverDestroyed = new WeakSet<ServerResponse>();

/**
 * The plumbing every mock upstream shares: a real HTTP server on 127.0.0.1 that records requests,
 * notices clients that give up, applies latency and hangs, and lets a provider-specific `answer`
 * speak the wire format.
 */
export async function startMockServer<B extends ServerBehaviour = UpstreamBehaviour>(
  answer: MockAnswer<B>,
  initial: Partial<B> = {},
  kind: BehaviourKind<B> = OPENAI_BEHAVIOUR as unknown as BehaviourKind<B>,
): Promise<MockServer<B>> {
  let behaviour: B = { ...kind.defaults, ...initial };
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let closing = false;

  const server = createServer((req, res) => {
    void readBody(req).then(async (raw) => {
      const [path = '/', query = ''] = (req.url ?? '/').split('?');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path,
        query,
        headers: req.headers,
        body: parseJson(raw),
        closedByClient: false,
      };
      requests.push(recorded);
      res.once('close', () => {
        if (!res.writableFinished && !serverDestroyed.has(res) && !closing) recorded.closedByClient = true;
      });
      const effective: B = { ...behaviour, ...kind.fromHeaders(req.headers) };
      if (effective.hang) return;
      if (effective.latencyMs > 0) await sleep(effective.latencyMs);
      if (res.destroyed) return;
      for (const [name, value] of Object.entries(effective.responseHeaders ?? {})) res.setHeader(name, value);
      return answer(recorded, res, effective);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    port,
    requests,
    setBehaviour: (next) => {
      behaviour = { ...behaviour, ...next };
    },
    openConnections: () => sockets.size,
    close: async () => {
      closing = true;
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** Writes SSE `events` (each already framed), paced, re-cut or broken off as the behaviour says. */
export async function sendStream(res: ServerResponse, events: string[], behaviour: ServerBehaviour, contentType = 'text/event-stream'): Promise<void> {
  res.writeHead(200, { 'content-type': `${contentType}; charset=utf-8`, 'cache-control': 'no-cache' });
  res.flushHeaders();
  const writes = behaviour.writeBytes
    ? recut(events.join(''), behaviour.writeBytes)
    : events.map((event) => Buffer.from(event));
  for (const [index, bytes] of writes.entries()) {
    if (res.destroyed) return;
    if (behaviour.failMidStream !== null && index >= behaviour.failMidStream) {
      serverDestroyed.add(res);
      res.socket?.destroy();
      return;
    }
    res.write(bytes);
    if (behaviour.chunkIntervalMs > 0) await sleep(behaviour.chunkIntervalMs);
    else await new Promise((resolve) => setImmediate(resolve));
  }
  res.end();
}

function recut(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text);
  const pieces: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) pieces.push(bytes.subarray(start, start + size));
  return pieces;
}

export function sendJson(res: ServerResponse, status: number, body: object): void {
  sendRaw(res, status, JSON.stringify(body));
}

export function sendRaw(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** `count` consecutive pieces of `text` (by characters), joining back to it exactly. */
export function splitInto(text: string, count: number): string[] {
  const pieces = Math.max(1, Math.min(count, text.length));
  const size = Math.ceil(text.length / pieces);
  const result: string[] = [];
  for (let start = 0; start < text.length; start += size) result.push(text.slice(start, start + size));
  return result;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

function parseJson(raw: string): unknown {
  try {
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return undefined;
  }
}
