import type { ServerResponse } from 'node:http';
import { type RecordedRequest, sendJson, sendRaw, sendStream, startMockServer } from './mock-server';
import type { UpstreamBehaviour } from './upstream-behaviour';
import {
  completionBody,
  embeddingsBody,
  errorBody,
  modelsBody,
  refusedParamBody,
  streamEvents,
  type UpstreamChatBody,
} from './upstream-replies';

export type { RecordedRequest } from './mock-server';

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

// Any prefix ('/v1', '/api/v1', '/openai/v1', '/openai/deployments/{name}'): OpenAI-compatible
// vendors mount the same endpoints under different paths.
const CHAT_PATH = /^(?:\/.*)?\/chat\/completions$/;
const EMBEDDINGS_PATH = /^(?:\/.*)?\/embeddings$/;
const MODELS_PATH = /^(?:\/.*)?\/models$/;
const AZURE_DEPLOYMENT = /^\/openai\/deployments\/([^/]+)\//;

/**
 * A real HTTP server on 127.0.0.1 speaking OpenAI's wire format: chat completions (plain and
 * SSE, text or tool call), embeddings and the model list, with scriptable latency, errors, pacing
 * and failures, and the quirks of OpenAI-compatible vendors (Azure paths, usage sent unasked,
 * refused parameters).
 */
export async function startMockOpenAiUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  const server = await startMockServer(answer, options.behaviour);
  const { port, ...rest } = server;
  return { baseUrl: `http://127.0.0.1:${port}/v1`, ...rest };
}

async function answer(request: RecordedRequest, res: ServerResponse, behaviour: UpstreamBehaviour): Promise<void> {
  const isChat = request.method === 'POST' && CHAT_PATH.test(request.path);
  const isEmbeddings = request.method === 'POST' && EMBEDDINGS_PATH.test(request.path);
  const isModels = request.method === 'GET' && MODELS_PATH.test(request.path);
  if (!isChat && !isEmbeddings && !isModels) {
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
  // After the error branch, so a forced status (or x-mock-status) makes the model list fail too: a down provider.
  if (isModels) return sendJson(res, 200, modelsBody());
  const body = (request.body ?? {}) as UpstreamChatBody & Record<string, unknown>;
  const refused = behaviour.rejectParams.find((param) => param in body);
  if (refused) return sendJson(res, 400, refusedParamBody(refused));
  const deployment = AZURE_DEPLOYMENT.exec(request.path)?.[1];
  if (isEmbeddings)
    return sendRaw(res, 200, behaviour.body ?? JSON.stringify(embeddingsBody(body, behaviour, deployment)));
  if (body.stream !== true) {
    return sendRaw(
      res,
      behaviour.status,
      behaviour.body ?? JSON.stringify(completionBody(body, behaviour, deployment)),
    );
  }
  await sendStream(
    res,
    behaviour.body !== null ? [behaviour.body] : streamEvents(body, behaviour, deployment),
    behaviour,
  );
}
