export const COHERE_BASE_URL = 'https://api.cohere.com';

export interface CohereApiOptions {
  apiKey: string;
  /** 'https://api.cohere.com' (a trailing '/v2' or '/v1' is tolerated). */
  baseUrl?: string | undefined;
}

export interface CohereEndpoint {
  origin: string;
  chatPath: string;
  embedPath: string;
  /** `GET /v1/models` (the model list lives under v1 only): the health check's read. */
  modelsPath: string;
}

export function cohereEndpoint(baseUrl = COHERE_BASE_URL): CohereEndpoint {
  const url = new URL(baseUrl);
  const prefix = url.pathname.replace(/\/+$/, '').replace(/\/v[12]$/, '');
  return { origin: url.origin, chatPath: `${prefix}/v2/chat`, embedPath: `${prefix}/v2/embed`, modelsPath: `${prefix}/v1/models` };
}

export function cohereHeaders(options: CohereApiOptions): Record<string, string> {
  return {
    authorization: `Bearer ${options.apiKey}`,
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'x-client-name': 'llmgw',
  };
}
