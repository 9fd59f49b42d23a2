import type { ServerResponse } from 'node:http';
import type { MockUpstream, MockUpstreamOptions } from '../mock-upstream/mock-upstream';
import { type RecordedRequest, sendJson, sendRaw, sendStream, startMockServer } from '../mock-upstream/mock-server';
import type { UpstreamBehaviour } from '../mock-upstream/upstream-behaviour';
import {
  type CohereChatBody,
  type CohereEmbedBody,
  cohereChatBody,
  cohereEmbedBody,
  cohereErrorBody,
  cohereStreamEvents,
} from './cohere-replies';

const COHERE_MODELS = [
  { name: 'command-r-plus', endpoints: ['chat'], context_length: 128_000 },
  { name: 'embed-english-v3.0', endpoints: ['embed'], context_length: 512 },
];

/**
 * A real HTTP server on 127.0.0.1 speaking Cohere's v2 API: `POST /v2/chat` (plain, or named SSE
 * events when `stream: true`, text or tool call), `POST /v2/embed`, `GET /v1/models`, and `{id, message}` error
 * bodies, with the same scriptable behaviour and `x-mock-*` overrides as the OpenAI mock.
 * `baseUrl` is the origin, like 'https://api.cohere.com'.
 */
export async function startMockCohereUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  const { port, ...rest } = await startMockServer(answer, options.behaviour);
  return { baseUrl: `http://127.0.0.1:${port}`, ...rest };
}

async function answer(request: RecordedRequest, res: ServerResponse, behaviour: UpstreamBehaviour): Promise<void> {
  const isModels = request.method === 'GET' && request.path === '/v1/models';
  const known = isModels || (request.method === 'POST' && (request.path === '/v2/chat' || request.path === '/v2/embed'));
  if (!known) return sendJson(res, 404, { message: `404 page not found: ${request.method} ${request.path}` });
  if (behaviour.status >= 400) {
    if (behaviour.retryAfterSeconds !== null) res.setHeader('retry-after', String(behaviour.retryAfterSeconds));
    return sendRaw(
      res,
      behaviour.status,
      behaviour.body ?? JSON.stringify(cohereErrorBody(behaviour.status, behaviour)),
    );
  }
  if (isModels) {
    if (!request.headers.authorization) return sendJson(res, 401, { id: 'mock-auth', message: 'no api key supplied' });
    return sendJson(res, 200, { models: COHERE_MODELS, next_page_token: null });
  }
  const body = (request.body ?? {}) as CohereChatBody & Record<string, unknown>;
  const refused = behaviour.rejectParams.find((param) => param in body);
  if (refused) {
    return sendJson(res, 400, {
      id: 'mock-refusal',
      message: `invalid request: unknown field: parameter ${refused} is not a valid field`,
    });
  }
  if (request.path === '/v2/embed')
    return sendRaw(res, 200, behaviour.body ?? JSON.stringify(cohereEmbedBody(body as CohereEmbedBody, behaviour)));
  if (body.stream !== true) return sendRaw(res, 200, behaviour.body ?? JSON.stringify(cohereChatBody(body, behaviour)));
  await sendStream(res, behaviour.body !== null ? [behaviour.body] : cohereStreamEvents(body, behaviour), behaviour);
}
