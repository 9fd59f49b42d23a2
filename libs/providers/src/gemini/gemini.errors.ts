import { type ErrorType, ProviderError } from '@llmgw/contracts';
import { parseRetryAfter, redactSecrets } from '../openai/openai.errors';

/** Google's error object: `{"error": {"code", "message", "status", "details": [...]}}`. */
interface GoogleErrorObject {
  code?: unknown;
  message?: unknown;
  status?: unknown;
  details?: unknown;
}

// Key problems Google reports as 400 INVALID_ARGUMENT (ErrorInfo.reason) are credentials problems.
const KEY_REASONS = new Set(['API_KEY_INVALID', 'API_KEY_EXPIRED']);
// "The input token count (1200293) exceeds the maximum number of tokens allowed (1048576)."
const CONTEXT_LENGTH =
  /token count.*exceeds|exceeds the maximum number of tokens|too many tokens|context (length|window)/i;

/** Maps an HTTP error answer (status, Google's body, Retry-After) to our taxonomy. Pure. */
export function mapGeminiHttpError(
  provider: string,
  status: number,
  bodyText: string,
  retryAfter: string | string[] | undefined,
  nowMs = Date.now(),
): ProviderError {
  return fromErrorObject(provider, status, parseErrorObject(bodyText), parseRetryAfter(retryAfter, nowMs));
}

/** Maps an `{"error": ...}` event sent inside a stream: its `code` stands in for the HTTP status. */
export function mapGeminiErrorObject(provider: string, error: GoogleErrorObject): ProviderError {
  const status = typeof error.code === 'number' ? error.code : 500;
  return fromErrorObject(provider, status, error, undefined);
}

function fromErrorObject(
  provider: string,
  status: number,
  error: GoogleErrorObject | undefined,
  retryAfterHeader: number | undefined,
): ProviderError {
  const googleStatus = typeof error?.status === 'string' ? error.status : null;
  const upstreamMessage = typeof error?.message === 'string' && error.message ? error.message : null;
  const details = Array.isArray(error?.details) ? (error.details as Array<Record<string, unknown>>) : [];
  const reason = detailOf(details, 'google.rpc.ErrorInfo')?.reason;
  const { type, code } = classify(
    status,
    googleStatus,
    typeof reason === 'string' ? reason : null,
    upstreamMessage ?? '',
  );
  const retryAfterSeconds =
    retryAfterHeader ?? retryDelaySeconds(detailOf(details, 'google.rpc.RetryInfo')?.retryDelay);
  const message = upstreamMessage
    ? `${provider}: ${redactGoogleSecrets(upstreamMessage)}`
    : `${provider} answered HTTP ${status}`;
  return new ProviderError(type, message, provider, status, {
    code,
    param: code === 'model_not_found' ? 'model' : null,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    metadata: { upstreamStatus: googleStatus, reason: reason ?? null },
  });
}

function classify(
  status: number,
  googleStatus: string | null,
  reason: string | null,
  message: string,
): { type: ErrorType; code: string | null } {
  const code = googleStatus?.toLowerCase() ?? null;
  if (reason && KEY_REASONS.has(reason)) return { type: 'authentication_error', code: 'invalid_api_key' };
  if (status === 400 && CONTEXT_LENGTH.test(message))
    return { type: 'context_length_error', code: 'context_length_exceeded' };
  // FAILED_PRECONDITION is about the account, not the request: "User location is not supported",
  // "free tier is not available in your country, enable billing". Retrying or rewording won't help.
  if (googleStatus === 'FAILED_PRECONDITION') return { type: 'permission_error', code };
  if (status === 404) return { type: 'invalid_request_error', code: 'model_not_found' };
  const byStatus: Record<number, ErrorType> = {
    401: 'authentication_error',
    403: 'permission_error',
    408: 'timeout_error',
    413: 'request_too_large',
    429: 'rate_limit_error',
    499: 'upstream_error',
    503: 'service_unavailable',
    504: 'timeout_error',
  };
  return { type: byStatus[status] ?? (status >= 500 ? 'upstream_error' : 'invalid_request_error'), code };
}

/** RetryInfo.retryDelay is a protobuf Duration in JSON: '23s', '1.5s'. */
function retryDelaySeconds(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match ? Math.ceil(Number(match[1])) : undefined;
}

function detailOf(details: Array<Record<string, unknown>>, type: string): Record<string, unknown> | undefined {
  return details.find((detail) => typeof detail?.['@type'] === 'string' && detail['@type'].endsWith(`/${type}`));
}

/** Google keys ('AIza' + 35 characters) may be quoted back in messages: never pass one on. */
export function redactGoogleSecrets(text: string): string {
  return redactSecrets(text).replace(/AIza[\w-]{8,}/g, 'AIza***');
}

function parseErrorObject(bodyText: string): GoogleErrorObject | undefined {
  try {
    let parsed: unknown = JSON.parse(bodyText);
    // The non-SSE streaming endpoint wraps its error in an array: [{"error": {...}}].
    if (Array.isArray(parsed)) parsed = parsed[0];
    const error = (parsed as { error?: unknown } | null)?.error;
    return typeof error === 'object' && error !== null ? (error as GoogleErrorObject) : undefined;
  } catch {
    return undefined;
  }
}
