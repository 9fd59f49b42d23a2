// The one error taxonomy. Each type has an HTTP status; the router decides retries and
// fallbacks from `retryable`, never from message text.
export const ERROR_TYPES = {
  invalid_request_error: { status: 400, retryable: false },
  context_length_error: { status: 400, retryable: false },
  content_filter: { status: 400, retryable: false },
  guardrail_blocked: { status: 400, retryable: false },
  authentication_error: { status: 401, retryable: false },
  permission_error: { status: 403, retryable: false },
  not_found_error: { status: 404, retryable: false },
  request_too_large: { status: 413, retryable: false },
  rate_limit_error: { status: 429, retryable: true },
  budget_exceeded: { status: 429, retryable: false },
  /** The client went away before the answer (nginx's 499): metered, never blamed on a provider. */
  client_closed_request: { status: 499, retryable: false },
  internal_error: { status: 500, retryable: false },
  upstream_error: { status: 502, retryable: true },
  service_unavailable: { status: 503, retryable: true },
  timeout_error: { status: 504, retryable: true },
} as const;

export type ErrorType = keyof typeof ERROR_TYPES;
