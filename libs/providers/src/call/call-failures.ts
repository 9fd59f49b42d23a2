import { ProviderError } from '@llmgw/contracts';

/** The provider took longer than the call's budget: worth retrying elsewhere. */
export function callTimedOut(provider: string, timeoutMs: number, cause: unknown): ProviderError {
  return new ProviderError('timeout_error', `${provider} did not respond within ${timeoutMs} ms`, provider, null, {
    cause,
  });
}

/** The client went away: not the provider's fault, and not worth retrying (nobody is waiting). */
export function callCancelled(provider: string, cause: unknown): ProviderError {
  return new ProviderError('client_closed_request', 'The request was cancelled by the client', provider, null, {
    code: 'request_cancelled',
    retryable: false,
    cause,
  });
}
