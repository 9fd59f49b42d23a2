import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordedRequest } from '../mock-upstream/mock-upstream';
import {
  DEFAULT_GEMINI_UPSTREAM_BEHAVIOUR,
  geminiBehaviourFromHeaders,
  type GeminiUpstreamBehaviour,
} from './gemini-upstream-behaviour';
import { googleErrorBody } from './gemini-upstream-errors';
import {
  generateContentBody,
  type GeminiRequestBody,
  mockEmbedding,
  streamEventBodies,
} from './gemini-upstream-replies';

export interface GeminiRecordedRequest extends RecordedRequest {
  /** The query string without '?', e.g. 'alt=sse' ('' when none). */
  query: string;
}

export interface MockGeminiUpstream {
  /** The origin, e.g. 'http://127.0.0.1:41234': the adapter adds '/v1beta', as for Google's. */
  baseUrl: string;
  requests: GeminiRecordedRequest[];
  setBehaviour(behaviour: Partial<GeminiUpstreamBehaviour>): void;
  /** TCP connections currently open (keep-alive ones included). */
  openConnections(): number;
  close(): Promise<void>;
}

export interface MockGeminiUpstreamOptions {
  behaviour?: Partial<GeminiUpstreamBehaviour>;
}

const ROUTE = /^\/v1(?:beta)?\/models\/([^/:]+):(generateContent|streamGenerateContent|batchEmbedContents)$/;
const MODELS_ROUTE = /^\/v1(?:beta)?\/models$/;
const GEMINI_MODELS = [
  { name: 'models/gemini-2.5-flash', displayName: 'Gemini 2.5 Flash', supportedGenerationMethods: ['generateContent'] },
  { name: 'models/text-embedding-004', displayName: 'Text Embedding 004', supportedGenerationMethods: ['embedContent'] },
];
const DEFAULT_DIMENSIONS = 768;
const BATCH_LIMIT = 100;
// Responses the server itself broke off (failMidStream), so they do not count as client aborts.
const serverDestroyed = new WeakSet<ServerResponse>();

/**
 * A real HTTP server on 127.0.0.1 speaking the Gemini API's wire format (v1beta): generateContent,
 * streamGenerateContent (SSE with alt=sse, else a JSON array), batchEmbedContents and the model list, Google's
 * error bodies, the `x-goog-api-key` header, with scriptable latency, errors, pacing and failures.
 */
export async function startMockGeminiUpstream(options: MockGeminiUpstreamOptions = {}): Promise<MockGeminiUpstream> {
  let behaviour: GeminiUpstreamBehaviour = { ...DEFAULT_GEMINI_UPSTREAM_BEHAVIOUR, ...options.behaviour };
  const requests: GeminiRecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let closing = false;

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const [path = '/', query = ''] = (req.url ?? '/').split('?');
      const recorded: GeminiRecordedRequest = {
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
      return answer(recorded, res, { ...behaviour, ...geminiBehaviourFromHeaders(req.headers) });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
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

async function answer(request: GeminiRecordedRequest, res: ServerResponse, behaviour: GeminiUpstreamBehaviour) {
  if (behaviour.hang) return;
  if (behaviour.latencyMs > 0) await sleep(behaviour.latencyMs);
  if (res.destroyed) return;

  const route = ROUTE.exec(request.path);
  const model = decodeURIComponent(route?.[1] ?? '');
  const fail = (status: number, override: GeminiUpstreamBehaviour['error'] = null) =>
    sendJson(res, status, googleErrorBody(status, model, { ...behaviour, error: override ?? behaviour.error }));
  const isModels = request.method === 'GET' && MODELS_ROUTE.test(request.path);
  if (!isModels && (request.method !== 'POST' || !route)) {
    return fail(404, { status: 'NOT_FOUND', message: `Unknown request URL: ${request.method} ${request.path}` });
  }
  const params = new URLSearchParams(request.query);
  if (!request.headers['x-goog-api-key'] && !params.get('key')) return fail(403);
  if (behaviour.status >= 400) {
    if (behaviour.retryAfterSeconds !== null) res.setHeader('retry-after', String(behaviour.retryAfterSeconds));
    return behaviour.body !== null ? sendRaw(res, behaviour.status, behaviour.body) : fail(behaviour.status);
  }
  if (isModels || !route) return sendJson(res, 200, { models: GEMINI_MODELS });
  if (behaviour.body !== null && route[2] !== 'streamGenerateContent') return sendRaw(res, 200, behaviour.body);

  const body = (request.body ?? {}) as GeminiRequestBody & { requests?: unknown };
  if (route[2] === 'generateContent') return sendJson(res, 200, generateContentBody(model, body, behaviour));
  if (route[2] === 'batchEmbedContents') return embed(res, model, body.requests, fail);
  const events = behaviour.body !== null ? null : streamEventBodies(model, body, behaviour);
  if (params.get('alt') === 'sse') {
    // Google separates SSE events with CRLF CRLF.
    const writes = events ? events.map((event) => `data: ${JSON.stringify(event)}\r\n\r\n`) : [behaviour.body!];
    return sendStream(res, 'text/event-stream', writes, behaviour);
  }
  // Without alt=sse Google streams one JSON array of responses.
  const writes = events
    ? events.map((event, i) => `${i === 0 ? '[' : ',\r\n'}${JSON.stringify(event)}`).concat(']')
    : [behaviour.body!];
  return sendStream(res, 'application/json', writes, behaviour);
}

function embed(res: ServerResponse, model: string, requests: unknown, fail: (status: number, error: object) => void) {
  if (!Array.isArray(requests) || requests.length === 0) {
    return fail(400, {
      status: 'INVALID_ARGUMENT',
      message: '* BatchEmbedContentsRequest.requests: requests is not specified\n',
    });
  }
  if (requests.length > BATCH_LIMIT) {
    return fail(400, {
      status: 'INVALID_ARGUMENT',
      message: `* BatchEmbedContentsRequest.requests: at most ${BATCH_LIMIT} requests can be in one batch\n`,
    });
  }
  const embeddings: Array<{ values: number[] }> = [];
  for (const item of requests as Array<{
    model?: unknown;
    content?: { parts?: Array<{ text?: unknown }> };
    outputDimensionality?: unknown;
  }>) {
    if (item.model !== `models/${model}`) {
      return fail(400, {
        status: 'INVALID_ARGUMENT',
        message: `Model name in request (${String(item.model)}) does not match model name in path (models/${model}).`,
      });
    }
    const text = (item.content?.parts ?? []).map((part) => (typeof part.text === 'string' ? part.text : '')).join(' ');
    const dimensions = typeof item.outputDimensionality === 'number' ? item.outputDimensionality : DEFAULT_DIMENSIONS;
    embeddings.push({ values: mockEmbedding(text, dimensions) });
  }
  sendJson(res, 200, { embeddings });
}

async function sendStream(
  res: ServerResponse,
  contentType: string,
  events: string[],
  behaviour: GeminiUpstreamBehaviour,
) {
  res.writeHead(200, { 'content-type': `${contentType}; charset=UTF-8`, 'cache-control': 'no-cache' });
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
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(body),
  });
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
