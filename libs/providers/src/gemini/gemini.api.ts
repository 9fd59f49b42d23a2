export const GEMINI_DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';
export const GEMINI_API_VERSION = 'v1beta';

export interface GeminiApiOptions {
  /** Defaults to Google's Generative Language API; a mock's origin in tests. */
  baseUrl?: string | undefined;
  /** Sent as `x-goog-api-key`, never as `?key=`: URLs end up in access logs and traces. */
  apiKey: string;
}

export interface GeminiEndpoint {
  /** What the connection pool connects to: scheme, host and port. */
  origin: string;
  generatePath(upstreamModel: string): string;
  streamPath(upstreamModel: string): string;
  batchEmbedPath(upstreamModel: string): string;
  /** `GET /v1beta/models`: the health check's cheap authenticated read. */
  modelsPath: string;
  /** The `model` field batchEmbedContents wants inside each request: 'models/{model}'. */
  modelResource(upstreamModel: string): string;
}

/** Splits a base URL into the pool origin and the `/v1beta/models/{model}:method` paths. */
export function geminiEndpoint(baseUrl: string = GEMINI_DEFAULT_BASE_URL): GeminiEndpoint {
  const url = new URL(baseUrl);
  // A base URL that already names the version ('…/v1beta') keeps its prefix as given.
  const trimmed = url.pathname.replace(/\/+$/, '');
  const prefix = /\/v\d+(alpha|beta)?\d*$/.test(trimmed) ? trimmed : `${trimmed}/${GEMINI_API_VERSION}`;
  const modelPath = (model: string) => `${prefix}/${modelResource(model)}`;
  return {
    origin: url.origin,
    generatePath: (model) => `${modelPath(model)}:generateContent`,
    streamPath: (model) => `${modelPath(model)}:streamGenerateContent?alt=sse`,
    batchEmbedPath: (model) => `${modelPath(model)}:batchEmbedContents`,
    modelsPath: `${prefix}/models`,
    modelResource,
  };
}

/** 'gemini-2.5-flash' and 'models/gemini-2.5-flash' both become 'models/gemini-2.5-flash'. */
function modelResource(upstreamModel: string): string {
  const bare = upstreamModel.replace(/^models\//, '');
  return `models/${encodeURIComponent(bare)}`;
}

// Only forward request ids that are safe as a header value.
const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

export function geminiHeaders(options: GeminiApiOptions, requestId: string): Record<string, string> {
  const headers: Record<string, string> = {
    'x-goog-api-key': options.apiKey,
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
  };
  if (SAFE_REQUEST_ID.test(requestId)) headers['x-request-id'] = requestId;
  return headers;
}
