import { ERROR_TYPES, GatewayError, type ErrorType } from '@llmgw/contracts';
import { toAnthropicError } from './anthropic-error.mapper';

describe('toAnthropicError', () => {
  it.each([
    ['invalid_request_error', 'invalid_request_error'],
    ['context_length_error', 'invalid_request_error'],
    ['authentication_error', 'authentication_error'],
    ['permission_error', 'permission_error'],
    ['not_found_error', 'not_found_error'],
    ['request_too_large', 'request_too_large'],
    ['rate_limit_error', 'rate_limit_error'],
    ['budget_exceeded', 'rate_limit_error'],
    ['internal_error', 'api_error'],
    ['upstream_error', 'api_error'],
    ['service_unavailable', 'overloaded_error'],
    ['timeout_error', 'timeout_error'],
  ] as const)('maps %s to Anthropic %s', (ours, theirs) => {
    expect(toAnthropicError(new GatewayError(ours, 'went wrong'))).toEqual({ type: 'error', error: { type: theirs, message: 'went wrong' } });
  });

  it('maps every type of our taxonomy', () => {
    for (const type of Object.keys(ERROR_TYPES) as ErrorType[]) {
      expect(toAnthropicError(new GatewayError(type, 'x')).error.type).toMatch(/_error$|^request_too_large$/);
    }
  });
});
