import type { GeminiUpstreamBehaviour } from './gemini-upstream-behaviour';

// Google's canonical status and the message the Gemini API sends for each HTTP status.
const DEFAULT_ERRORS: Record<number, { status: string; message: (model: string) => string }> = {
  400: { status: 'INVALID_ARGUMENT', message: () => '* GenerateContentRequest.contents: contents is not specified\n' },
  401: {
    status: 'UNAUTHENTICATED',
    message: () =>
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
  },
  403: {
    status: 'PERMISSION_DENIED',
    message: () =>
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  },
  404: {
    status: 'NOT_FOUND',
    message: (model) =>
      `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
  },
  429: {
    status: 'RESOURCE_EXHAUSTED',
    message: () =>
      'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
  },
  500: {
    status: 'INTERNAL',
    message: () =>
      'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  },
  503: { status: 'UNAVAILABLE', message: () => 'The model is overloaded. Please try again later.' },
  504: { status: 'DEADLINE_EXCEEDED', message: () => 'Deadline expired before operation could complete.' },
};

/** Google's error body `{"error": {"code", "message", "status", "details"?}}` for `status`. */
export function googleErrorBody(httpStatus: number, model: string, behaviour: GeminiUpstreamBehaviour): object {
  const base = DEFAULT_ERRORS[httpStatus] ?? (httpStatus >= 500 ? DEFAULT_ERRORS[500]! : DEFAULT_ERRORS[400]!);
  const details: object[] = [];
  if (behaviour.error?.reason) {
    details.push({
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: behaviour.error.reason,
      domain: 'googleapis.com',
      metadata: { service: 'generativelanguage.googleapis.com' },
    });
  }
  if (httpStatus === 429) {
    details.push({
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [
        {
          quotaMetric: 'generativelanguage.googleapis.com/generate_content_paid_tier_requests',
          quotaId: 'GenerateRequestsPerMinutePerProjectPerModel',
          quotaDimensions: { location: 'global', model },
          quotaValue: '1000',
        },
      ],
    });
    details.push({
      '@type': 'type.googleapis.com/google.rpc.Help',
      links: [
        { description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' },
      ],
    });
    if (behaviour.retryDelaySeconds !== null) {
      details.push({
        '@type': 'type.googleapis.com/google.rpc.RetryInfo',
        retryDelay: `${behaviour.retryDelaySeconds}s`,
      });
    }
  }
  return {
    error: {
      code: httpStatus,
      message: behaviour.error?.message ?? base.message(model),
      status: behaviour.error?.status ?? base.status,
      ...(details.length > 0 ? { details } : {}),
    },
  };
}
