import { type ErrorType, ProviderError } from '@llmgw/contracts';

export interface OpenAiErrorObject {
  message?: unknown;
  type?: unknown;
  param?: unknown;
  code?: unknown;
}

/** Maps an HTTP error answer (status, body, Retry-After) to our taxonomy. Pure. */
export function mapOpenAiHttpError(
  provider: string,
  status: number,
  bodyText: string,
  retryAfter: string | string[] | undefined,
  nowMs = Date.now(),
): ProviderError {
  return httpErrorFromObject(provider, status, parseErrorObject(bodyText), retryAfter, nowMs);
}

/**
 * The taxonomy for an error answer already read into OpenAI's `{message, type, param, code}`;
 * vendors with other error bodies normalise into that shape first. Pure.
 */
export function httpErrorFromObject(
  provider: string,
  status: number,
  upstream: OpenAiErrorObject | undefined,
  retryAfter: string | string[] | undefined,
  nowMs = Date.now(),
): ProviderError {
  const code = stringOrNull(upstream?.code) ?? stringOrNull(upstream?.type);
  const type = errorTypeFor(status, code);
  const upstreamMessage = stringOrNull(upstream?.message);
  const message = upstreamMessage
    ? `${provider}: ${redactSecrets(upstreamMessage)}`
    : `${provider} answered HTTP ${status}`;
  const notFound = status === 404;
  return new ProviderError(type, message, provider, status, {
    param: notFound ? 'model' : stringOrNull(upstream?.param),
    code: notFound ? 'model_not_found' : code,
    retryAfterSeconds: parseRetryAfter(retryAfter, nowMs),
    // An exhausted quota does not come back by waiting: fall over instead of retrying.
    ...(code === 'insufficient_quota' ? { retryable: false } : {}),
    metadata: { upstreamType: stringOrNull(upstream?.type) },
  });
}

/** Maps an `{"error": ...}` event sent in the middle of a stream (no HTTP status any more). */
export function mapOpenAiStreamError(provider: string, error: OpenAiErrorObject): ProviderError {
  const code = stringOrNull(error.code) ?? stringOrNull(error.type);
  const type: ErrorType =
    code === 'rate_limit_exceeded'
      ? 'rate_limit_error'
      : code === 'context_length_exceeded'
        ? 'context_length_error'
        : 'upstream_error';
  const message = stringOrNull(error.message);
  return new ProviderError(type, `${provider}: ${message ? redactSecrets(message) : 'stream failed'}`, provider, null, {
    code,
  });
}

/** A success status with a body we cannot read: the provider broke its contract. */
export function invalidResponse(provider: string, detail: string, cause?: unknown): ProviderError {
  return new ProviderError('upstream_error', `${provider} returned an invalid response: ${detail}`, provider, null, {
    code: 'invalid_response',
    cause,
  });
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/** Maps a transport failure (refused, reset, closed mid-body, undici timeouts); keeps it as cause. */
export function mapOpenAiTransportError(provider: string, error: unknown): ProviderError {
  const code = errorCode(error);
  if (code && TIMEOUT_CODES.has(code)) {
    return new ProviderError('timeout_error', `${provider} did not respond in time (${code})`, provider, null, {
      cause: error,
    });
  }
  return new ProviderError(
    'upstream_error',
    `${provider} is unreachable or closed the connection (${code ?? 'unknown error'})`,
    provider,
    null,
    {
      code: 'upstream_connection_error',
      retryable: true,
      cause: error,
    },
  );
}

/** The taxonomy type for an HTTP status (and the few codes that refine a 400). */
export function errorTypeFor(status: number, code: string | null): ErrorType {
  if (status === 400 && code === 'context_length_exceeded') return 'context_length_error';
  if (status === 400 && (code === 'content_filter' || code === 'content_policy_violation')) return 'content_filter';
  const byStatus: Record<number, ErrorType> = {
    401: 'authentication_error',
    403: 'permission_error',
    408: 'timeout_error',
    409: 'upstream_error',
    413: 'request_too_large',
    429: 'rate_limit_error',
    503: 'service_unavailable',
    504: 'timeout_error',
    529: 'service_unavailable',
  };
  return byStatus[status] ?? (status >= 500 ? 'upstream_error' : 'invalid_request_error');
}

/** Retry-After is either delta-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | string[] | undefined, nowMs = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw.trim())) return Math.ceil(Number(raw));
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** Upstream messages may quote a (masked) key: never pass anything key-like on. */
export function redactSecrets(text: string): string {
  return text.replace(/\b(sk|rk|pk)-[\w*-]{3,}/g, '$1-***').replace(/Bearer\s+\S+/gi, 'Bearer ***');
}

function parseErrorObject(bodyText: string): OpenAiErrorObject | undefined {
  try {
    const parsed: unknown = JSON.parse(bodyText);
    const error = (parsed as { error?: unknown } | null)?.error;
    return typeof error === 'object' && error !== null ? (error as OpenAiErrorObject) : undefined;
  } catch {
    return undefined;
  }
}

export function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
