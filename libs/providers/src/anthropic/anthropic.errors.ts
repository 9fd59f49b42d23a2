import { type ErrorType, ProviderError } from '@llmgw/contracts';
import { parseRetryAfter, redactSecrets } from '../openai/openai.errors';
import { type AnthropicErrorObject, anthropicErrorObjectSchema } from './anthropic.wire.schema';

// Anthropic's documented error types (https://docs.claude.com/en/api/errors) in our taxonomy.
const BY_UPSTREAM_TYPE: Record<string, ErrorType> = {
  invalid_request_error: 'invalid_request_error',
  authentication_error: 'authentication_error',
  permission_error: 'permission_error',
  billing_error: 'permission_error',
  not_found_error: 'invalid_request_error',
  request_too_large: 'request_too_large',
  rate_limit_error: 'rate_limit_error',
  api_error: 'upstream_error',
  overloaded_error: 'service_unavailable',
  timeout_error: 'timeout_error',
};

const BY_STATUS: Record<number, ErrorType> = {
  401: 'authentication_error',
  402: 'permission_error',
  403: 'permission_error',
  408: 'timeout_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  503: 'service_unavailable',
  504: 'timeout_error',
  529: 'service_unavailable',
};

// "prompt is too long: 208310 tokens > 200000 maximum"; "input length and `max_tokens` exceed context limit: ..."
const CONTEXT_LENGTH = /prompt is too long|exceed(s|ed)? (the )?context (limit|window)/i;

/** Maps an HTTP error answer (status, `{type:'error', error:{type, message}}` body, Retry-After). Pure. */
export function mapAnthropicHttpError(
  provider: string,
  status: number,
  bodyText: string,
  retryAfter: string | string[] | undefined,
  nowMs = Date.now(),
): ProviderError {
  const upstream = parseErrorBody(bodyText);
  const type = errorTypeFor(upstream, status);
  const notFound = upstream?.type === 'not_found_error' || (!upstream && status === 404);
  return new ProviderError(
    type,
    messageOf(provider, upstream, `${provider} answered HTTP ${status}`),
    provider,
    status,
    {
      code: codeFor(upstream, type, notFound),
      param: notFound ? 'model' : null,
      retryAfterSeconds: parseRetryAfter(retryAfter, nowMs),
      ...(notRetryable(upstream) ? { retryable: false } : {}),
      metadata: { upstreamType: upstream?.type ?? null },
    },
  );
}

/** Maps an `event: error` sent after the 200 (mid-stream: no HTTP status any more). Pure. */
export function mapAnthropicStreamError(provider: string, error: AnthropicErrorObject): ProviderError {
  const type = errorTypeFor(error, null);
  return new ProviderError(type, messageOf(provider, error, `${provider}: stream failed`), provider, null, {
    code: codeFor(error, type, error.type === 'not_found_error'),
    ...(notRetryable(error) ? { retryable: false } : {}),
    metadata: { upstreamType: error.type },
  });
}

function errorTypeFor(upstream: AnthropicErrorObject | undefined, status: number | null): ErrorType {
  if (upstream?.type === 'invalid_request_error' && CONTEXT_LENGTH.test(upstream.message ?? '')) {
    return 'context_length_error';
  }
  // Overload is overload whatever the body says (a 503 from the edge may carry api_error).
  if (status === 503 || status === 529) return 'service_unavailable';
  const byType = upstream ? BY_UPSTREAM_TYPE[upstream.type] : undefined;
  if (byType) return byType;
  if (status === null) return 'upstream_error';
  return BY_STATUS[status] ?? (status >= 500 ? 'upstream_error' : 'invalid_request_error');
}

function codeFor(upstream: AnthropicErrorObject | undefined, type: ErrorType, notFound: boolean): string | null {
  if (notFound) return 'model_not_found';
  if (type === 'context_length_error') return 'context_length_exceeded';
  return upstream?.details?.error_code ?? upstream?.type ?? null;
}

// A spend limit or an unpaid bill does not come back by waiting: fall over instead of retrying.
function notRetryable(upstream: AnthropicErrorObject | undefined): boolean {
  return upstream?.type === 'billing_error' || upstream?.details?.error_code === 'enforced_spend_limit_reached';
}

function messageOf(provider: string, upstream: AnthropicErrorObject | undefined, fallback: string): string {
  return upstream?.message ? `${provider}: ${redactSecrets(upstream.message)}` : fallback;
}

function parseErrorBody(bodyText: string): AnthropicErrorObject | undefined {
  try {
    const body: unknown = JSON.parse(bodyText);
    const parsed = anthropicErrorObjectSchema.safeParse((body as { error?: unknown } | null)?.error);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
