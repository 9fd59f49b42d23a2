import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { behaviourFromHeaders, DEFAULT_UPSTREAM_BEHAVIOUR, type UpstreamBehaviour } from './upstream-behaviour';
import { completionBody, errorBody, modelsBody, streamEvents, type UpstreamChatBody } from './upstream-replies';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined when there was none or it was not JSON). */
  body: unknown;
  /** True once the client closed the connection before the answer was complete (an upstream abort). */
  closedByClient: boolean;
}

export interface MockUpstream {
  /** e.g. 'http://127.0.0.1:41234/v1' */
  baseUrl: string;
  requests: RecordedRequest[];
  setBehaviour(behaviour: Partial<UpstreamBehaviour>): void;
  /** TCP connections currently open (keep-alive ones included). */
  openConnections(): number;
  close(): Promise<void>;
}

export interface MockUpstreamOptions {
  behaviour?: Partial<UpstreamBehaviour>;
}

// Responses the server itself broke off (failMidStream), so they do not count as client aborts.
const serverDestroyed = new WeakSet<ServerResponse>();

const CHAT_PATHS = new Set(['/v1/chat/completions', '/chat/completions']);
const MODELS_PATHS = new Set(['/v1/models', '/models']);

/**
 * A real HTTP server on 127.0.0.1 speaking OpenAI's wire format: chat completions (plain and
 * SSE) and the model list, with scriptable latency, errors, pacing and failures.
 */
export async function startMockOpenAiUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  let behaviour: UpstreamBehaviour = { ...DEFAULT_UPSTREAM_BEHAVIOUR, ...options.behaviour };
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let closing = false;

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path,
        headers: req.headers,
        body: parseJson(raw),
        closedByClient: false,
      };
      requests.push(recorded);
      res.once('close', () => {
        if (!res.writableFinished && !serverDestroyed.has(res) && !closing) recorded.closedByClient = true;
      });
      return answer(recorded, res, { ...behaviour, ...behaviourFromHeaders(req.headers) });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
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

async function answer(request: RecordedRequest, res: ServerResponse, behaviour: UpstreamBehaviour): Promise<void> {
  if (behaviour.hang) return;
  if (behaviour.latencyMs > 0) await sleep(behaviour.latencyMs);
  if (res.destroyed) return;

  if (request.method === 'GET' && MODELS_PATHS.has(request.path)) return sendJson(res, 200, modelsBody());
  if (request.method !== 'POST' || !CHAT_PATHS.has(request.path)) {
    return sendJson(res, 404, {
      error: {
        message: `Unknown request URL: ${request.method} ${request.path}`,
        type: 'invalid_request_error',
        param: null,
        code: 'unknown_url',
      },
    });
  }
  if (behaviour.status >= 400) {
    if (behaviour.retryAfterSeconds !== null) res.setHeader('retry-after', String(behaviour.retryAfterSeconds));
    return sendRaw(res, behaviour.status, behaviour.body ?? JSON.stringify(errorBody(behaviour.status, behaviour)));
  }
  const body = (request.body ?? {}) as UpstreamChatBody;
  if (body.stream !== true)
    return sendRaw(res, behaviour.status, behaviour.body ?? JSON.stringify(completionBody(body, behaviour)));
  await sendStream(res, behaviour.body !== null ? [behaviour.body] : streamEvents(body, behaviour), behaviour);
}

async function sendStream(res: ServerResponse, events: string[], behaviour: UpstreamBehaviour): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
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

function sendJson(res: ServerResponse, status: number, body: object): void {
  sendRaw(res, status, JSON.stringify(body));
}

function sendRaw(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
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
