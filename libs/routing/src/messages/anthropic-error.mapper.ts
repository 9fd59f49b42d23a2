import type { ErrorType, GatewayError } from '@llmgw/contracts';
import type { AnthropicErrorBody, AnthropicErrorType } from './anthropic-message';

// Our taxonomy onto Anthropic's documented error types; the HTTP status stays ours.
const ANTHROPIC_TYPE: Record<ErrorType, AnthropicErrorType> = {
  invalid_request_error: 'invalid_request_error',
  context_length_error: 'invalid_request_error',
  content_filter: 'invalid_request_error',
  guardrail_blocked: 'invalid_request_error',
  authentication_error: 'authentication_error',
  permission_error: 'permission_error',
  not_found_error: 'not_found_error',
  request_too_large: 'request_too_large',
  rate_limit_error: 'rate_limit_error',
  budget_exceeded: 'rate_limit_error',
  client_closed_request: 'api_error',
  internal_error: 'api_error',
  upstream_error: 'api_error',
  service_unavailable: 'overloaded_error',
  timeout_error: 'timeout_error',
};

/** A gateway error as Anthropic's error body (also the payload of a stream's `error` event). */
export function toAnthropicError(error: GatewayError): AnthropicErrorBody {
  return { type: 'error', error: { type: ANTHROPIC_TYPE[error.type], message: error.message } };
}
