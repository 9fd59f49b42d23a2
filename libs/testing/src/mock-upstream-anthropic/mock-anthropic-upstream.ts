import type { ServerResponse } from 'node:http';
import { type RecordedRequest, sendJson, sendRaw, sendStream, startMockServer } from '../mock-upstream/mock-server';
import type { UpstreamBehaviour } from '../mock-upstream/upstream-behaviour';
import { checkAnthropicRequest } from './anthropic-request-check';
import {
  type AnthropicOnlyBehaviour,
  anthropicBehaviourFromHeaders,
  anthropicOnly,
  type AnthropicUpstreamBehaviour,
  DEFAULT_ANTHROPIC_UPSTREAM_BEHAVIOUR,
} from './anthropic-upstream-behaviour';
import {
  type AnthropicRequestBody,
  anthropicErrorBody,
  anthropicStreamEvents,
  messageBody,
  mockAnthropicId,
} from './anthropic-upstream-replies';

export interface MockAnthropicUpstream {
  /** e.g. 'http://127.0.0.1:41234' (Anthropic's SDKs take the bare origin and add '/v1/messages'). */
  baseUrl: string;
  requests: RecordedRequest[];
  setBehaviour(behaviour: Partial<AnthropicUpstreamBehaviour>): void;
  /** TCP connections currently open (keep-alive ones included). */
  openConnections(): number;
  close(): Promise<void>;
}

export interface MockAnthropicUpstreamOptions {
  behaviour?: Partial<AnthropicUpstreamBehaviour>;
}

/**
 * A real HTTP server on 127.0.0.1 speaking Anthropic's Messages API (POST /v1/messages, plain
 * and SSE, text or tool_use; GET /v1/models), refusing what Anthropic refuses, with scriptable errors and faults.
 */
export async function startMockAnthropicUpstream(
  options: MockAnthropicUpstreamOptions = {},
): Promise<MockAnthropicUpstream> {
  const initial = { ...DEFAULT_ANTHROPIC_UPSTREAM_BEHAVIOUR, ...options.behaviour };
  let own: Partial<AnthropicOnlyBehaviour> = anthropicOnly(initial);
  const server = await startMockServer(
    (request, res, shared) =>
      answer(request, res, {
        ...DEFAULT_ANTHROPIC_UPSTREAM_BEHAVIOUR,
        ...shared,
        ...own,
        ...anthropicBehaviourFromHeaders(request.headers),
      }),
    initial,
  );
  return {
    baseUrl: `http://127.0.0.1:${server.port}`,
    requests: server.requests,
    setBehaviour: (next) => {
      server.setBehaviour(next);
      own = { ...own, ...anthropicOnly(next) };
    },
    openConnections: () => server.openConnections(),
    close: () => server.close(),
  };
}

async function answer(
  request: RecordedRequest,
  res: ServerResponse,
  behaviour: AnthropicUpstreamBehaviour,
): Promise<void> {
  res.setHeader('request-id', mockAnthropicId('req'));
  const isModels = request.method === 'GET' && request.path === '/v1/models';
  if (!isModels && (request.method !== 'POST' || request.path !== '/v1/messages')) {
    return sendJson(res, 404, anthropicErrorBody(404, { type: 'not_found_error', message: 'Not Found' }));
  }
  if (behaviour.status >= 400) {
    if (behaviour.retryAfterSeconds !== null) res.setHeader('retry-after', String(behaviour.retryAfterSeconds));
    return sendRaw(res, behaviour.status, behaviour.body ?? JSON.stringify(forcedError(behaviour)));
  }
  if (isModels) return listModels(request, res);
  const problem = checkAnthropicRequest(request.headers, request.body);
  if (problem) return sendJson(res, problem.status, anthropicErrorBody(problem.status, problem));
  const body = request.body as AnthropicRequestBody;
  if (body.stream !== true) return sendRaw(res, 200, behaviour.body ?? JSON.stringify(messageBody(body, behaviour)));
  const events = behaviour.body !== null ? [behaviour.body] : anthropicStreamEvents(body, behaviour);
  await sendStream(res, events, behaviour);
}

function forcedError(behaviour: UpstreamBehaviour): object {
  const type = behaviour.error?.type ?? behaviour.error?.code ?? undefined;
  const message = behaviour.error?.message;
  return anthropicErrorBody(behaviour.status, { ...(type ? { type } : {}), ...(message ? { message } : {}) });
}

/** `GET /v1/models`: Anthropic's paged model list, behind the same key and version checks. */
function listModels(request: RecordedRequest, res: ServerResponse): void {
  if (!request.headers['x-api-key']) {
    return sendJson(res, 401, anthropicErrorBody(401, { type: 'authentication_error', message: 'x-api-key header is required' }));
  }
  const data = [
    { type: 'model', id: 'claude-sonnet-4-5', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z' },
    { type: 'model', id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5', created_at: '2025-10-01T00:00:00Z' },
  ];
  sendJson(res, 200, { data, has_more: false, first_id: data[0]!.id, last_id: data[data.length - 1]!.id });
}
