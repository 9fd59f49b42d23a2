export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';
/** The Messages API version this adapter speaks (request and SSE shapes). */
export const ANTHROPIC_VERSION = '2023-06-01';

export interface AnthropicApiOptions {
  /** Defaults to 'https://api.anthropic.com'; a '/v1' suffix is accepted too. */
  baseUrl?: string | undefined;
  apiKey: string;
}

export interface AnthropicEndpoint {
  /** What the connection pool connects to: scheme, host and port. */
  origin: string;
  messagesPath: string;
  /** `GET /v1/models`: the health check's cheap authenticated read. */
  modelsPath: string;
}

/**
 * Anthropic's SDKs take the bare origin and add '/v1/messages'; OpenAI-style settings often end
 * in '/v1'. Both are accepted, and any other path prefix (a proxy) is kept.
 */
export function anthropicEndpoint(baseUrl: string = ANTHROPIC_DEFAULT_BASE_URL): AnthropicEndpoint {
  const url = new URL(baseUrl);
  const prefix = url.pathname.replace(/\/+$/, '');
  const versioned = prefix.endsWith('/v1') ? prefix : `${prefix}/v1`;
  return { origin: url.origin, messagesPath: `${versioned}/messages`, modelsPath: `${versioned}/models` };
}

export function anthropicHeaders(options: AnthropicApiOptions): Record<string, string> {
  return {
    'x-api-key': options.apiKey,
    'anthropic-version': ANTHROPIC_VERSION,
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
  };
}
