import type { OpenAiCompatibleProfile } from '../openai-compatible/openai-compatible.profile';
import { mapOpenAiHttpError } from './openai.errors';

export interface OpenAiApiOptions {
  /** e.g. 'https://api.openai.com/v1'; a bare origin means the usual '/v1' prefix. */
  baseUrl: string;
  apiKey: string;
  organization?: string | undefined;
}

export interface OpenAiEndpoint {
  /** What the connection pool connects to: scheme, host and port. */
  origin: string;
  chatCompletionsPath: string;
  modelsPath: string;
}

/**
 * Splits a base URL into the pool origin and request paths. OpenAI-compatible servers put the
 * API under different prefixes ('/v1', '/openai/v1', '/api/v1'): keep what is given.
 */
export function openAiEndpoint(baseUrl: string): OpenAiEndpoint {
  const url = new URL(baseUrl);
  const trimmed = url.pathname.replace(/\/+$/, '');
  const prefix = trimmed === '' ? '/v1' : trimmed;
  return { origin: url.origin, chatCompletionsPath: `${prefix}/chat/completions`, modelsPath: `${prefix}/models` };
}

// Only forward request ids that are safe as a header value and useful in OpenAI's support logs.
const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

export function openAiHeaders(options: OpenAiApiOptions, requestId: string): Record<string, string> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${options.apiKey}`,
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
  };
  if (options.organization) headers['openai-organization'] = options.organization;
  if (SAFE_REQUEST_ID.test(requestId)) headers['x-client-request-id'] = requestId;
  return headers;
}

/** OpenAI as an OpenAI-compatible profile: its own headers and error mapping, nothing dropped. */
export function openAiProfile(
  options: OpenAiApiOptions & { id?: string | undefined; connections?: number | undefined },
): OpenAiCompatibleProfile {
  const id = options.id ?? 'openai';
  const endpoint = openAiEndpoint(options.baseUrl);
  const embeddingsPath = endpoint.chatCompletionsPath.replace(/\/chat\/completions$/, '/embeddings');
  return {
    id,
    origin: endpoint.origin,
    ...(options.connections !== undefined ? { connections: options.connections } : {}),
    chatPath: () => endpoint.chatCompletionsPath,
    embeddingsPath: () => embeddingsPath,
    modelsPath: () => endpoint.modelsPath,
    headers: (requestId) => openAiHeaders(options, requestId),
    chatBody: (body) => body,
    embeddingBody: (body) => body,
    httpError: (status, text, retryAfter) => mapOpenAiHttpError(id, status, text, retryAfter),
  };
}
