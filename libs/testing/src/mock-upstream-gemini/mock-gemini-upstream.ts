import type { ServerResponse } from 'node:http';
import { type RecordedRequest, sendJson, sendRaw, sendStream, startMockServer } from '../mock-upstream/mock-server';
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

/**
 * A real HTTP server on 127.0.0.1 speaking the Gemini API's wire format (v1beta): generateContent,
 * streamGenerateContent (SSE with alt=sse, else a JSON array), batchEmbedContents and the model list, Google's
 * error bodies, the `x-goog-api-key` header, with scriptable latency, errors, pacing and failures.
 */
export async function startMockGeminiUpstream(options: MockGeminiUpstreamOptions = {}): Promise<MockGeminiUpstream> {
  const { port, requests, ...server } = await startMockServer<GeminiUpstreamBehaviour>(answer, options.behaviour, {
    defaults: DEFAULT_GEMINI_UPSTREAM_BEHAVIOUR,
    fromHeaders: geminiBehaviourFromHeaders,
  });
  return { baseUrl: `http://127.0.0.1:${port}`, requests, ...server };
}

async function answer(request: GeminiRecordedRequest, res: ServerResponse, behaviour: GeminiUpstreamBehaviour) {
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
    return sendStream(res, writes, behaviour, 'text/event-stream');
  }
  // Without alt=sse Google streams one JSON array of responses.
  const writes = events
    ? events.map((event, i) => `${i === 0 ? '[' : ',\r\n'}${JSON.stringify(event)}`).concat(']')
    : [behaviour.body!];
  return sendStream(res, writes, behaviour, 'application/json');
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
