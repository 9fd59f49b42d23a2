import { type ErrorType, type GatewayErrorOptions, ProviderError } from '@llmgw/contracts';
import { errorTypeFor, parseRetryAfter, redactSecrets, stringOrNull } from '../openai/openai.errors';

// Cohere has no error codes, only messages: a too-long prompt reads "too many tokens: …".
const CONTEXT_LENGTH = /too many tokens|context length|exceeds? the (?:maximum|context)/i;

/**
 * Maps Cohere's `{id, message}` error answers: 400 (context length by message), 401, 402 (billing:
 * not retryable), 404 (model), 429 (Retry-After), 499 (cancelled upstream: retryable), 500, 503. Pure.
 */
export function mapCohereHttpError(
  status: number,
  bodyText: string,
  retryAfter: string | string[] | undefined,
  nowMs = Date.now(),
): ProviderError {
  const upstreamMessage = readMessage(bodyText);
  const message = upstreamMessage ? `cohere: ${redactSecrets(upstreamMessage)}` : `cohere answered HTTP ${status}`;
  const retryAfterSeconds = parseRetryAfter(retryAfter, nowMs);
  const error = (type: ErrorType, options: GatewayErrorOptions = {}) =>
    new ProviderError(type, message, 'cohere', status, { retryAfterSeconds, ...options });
  if (status === 400 && upstreamMessage && CONTEXT_LENGTH.test(upstreamMessage)) {
    return error('context_length_error', { code: 'context_length_exceeded', param: 'messages' });
  }
  if (status === 402) return error('upstream_error', { code: 'insufficient_quota', retryable: false });
  if (status === 404) return error('invalid_request_error', { code: 'model_not_found', param: 'model' });
  // The upstream dropped the request on its side (our client did not): worth another try.
  if (status === 499) return error('upstream_error', { code: 'upstream_cancelled', retryable: true });
  return error(errorTypeFor(status, null));
}

/** A message sent with finish_reason ERROR (plain answer or message-end event). */
export function cohereGenerationError(detail: string | null | undefined): ProviderError {
  const text = detail ? redactSecrets(detail) : 'generation failed';
  return new ProviderError('upstream_error', `cohere: ${text}`, 'cohere', null, { code: 'generation_error' });
}

function readMessage(bodyText: string): string | null {
  try {
    const parsed = JSON.parse(bodyText) as { message?: unknown } | null;
    return stringOrNull(parsed?.message);
  } catch {
    return null;
  }
}
