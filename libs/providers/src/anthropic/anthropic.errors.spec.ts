import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ProviderError } from '@llmgw/contracts';
import { mapAnthropicHttpError, mapAnthropicStreamError } from './anthropic.errors';

const fixture = (name: string) => readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');

describe('mapAnthropicHttpError', () => {
  it.each([
    ['error-400.json', 400, 'invalid_request_error', false, 'invalid_request_error', null],
    ['error-400-prompt-too-long.json', 400, 'context_length_error', false, 'context_length_exceeded', null],
    ['error-401.json', 401, 'authentication_error', false, 'authentication_error', null],
    ['error-403.json', 403, 'permission_error', false, 'permission_error', null],
    ['error-404.json', 404, 'invalid_request_error', false, 'model_not_found', 'model'],
    ['error-413.json', 413, 'request_too_large', false, 'request_too_large', null],
    ['error-429.json', 429, 'rate_limit_error', true, 'rate_limit_error', null],
    ['error-500.json', 500, 'upstream_error', true, 'api_error', null],
    ['error-500.json', 503, 'service_unavailable', true, 'api_error', null],
    ['error-529.json', 529, 'service_unavailable', true, 'overloaded_error', null],
  ])('maps %s with HTTP %i to %s', (file, status, type, retryable, code, param) => {
    const error = mapAnthropicHttpError('anthropic', status, fixture(file), undefined);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ type, retryable, code, param, provider: 'anthropic', upstreamStatus: status });
    expect(error.message.startsWith('anthropic: ')).toBe(true);
  });

  it('recognises the other context-limit wording', () => {
    const body = JSON.stringify({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message:
          'input length and `max_tokens` exceed context limit: 197779 + 8192 > 200000, decrease input length or `max_tokens` and try again',
      },
    });
    expect(mapAnthropicHttpError('anthropic', 400, body, undefined).type).toBe('context_length_error');
  });

  it('honours Retry-After, in seconds or as an HTTP date', () => {
    expect(mapAnthropicHttpError('anthropic', 429, fixture('error-429.json'), '12').retryAfterSeconds).toBe(12);
    const now = Date.parse('2025-01-01T00:00:00Z');
    const at = 'Wed, 01 Jan 2025 00:00:30 GMT';
    expect(mapAnthropicHttpError('anthropic', 529, fixture('error-529.json'), at, now).retryAfterSeconds).toBe(30);
  });

  it('does not retry a reached spend limit or a billing error', () => {
    const spend = JSON.stringify({
      type: 'error',
      error: {
        type: 'rate_limit_error',
        message: 'Spend limit reached',
        details: { error_code: 'enforced_spend_limit_reached' },
      },
    });
    expect(mapAnthropicHttpError('anthropic', 429, spend, undefined)).toMatchObject({
      type: 'rate_limit_error',
      retryable: false,
      code: 'enforced_spend_limit_reached',
    });
    const billing = JSON.stringify({
      type: 'error',
      error: { type: 'billing_error', message: 'Credit balance is too low' },
    });
    expect(mapAnthropicHttpError('anthropic', 402, billing, undefined)).toMatchObject({
      type: 'permission_error',
      retryable: false,
    });
  });

  it('maps a body that is not Anthropic’s by its status alone', () => {
    expect(mapAnthropicHttpError('anthropic', 502, '<html>Bad gateway</html>', undefined)).toMatchObject({
      type: 'upstream_error',
      retryable: true,
      message: 'anthropic answered HTTP 502',
    });
    expect(mapAnthropicHttpError('anthropic', 529, '', undefined).type).toBe('service_unavailable');
    expect(mapAnthropicHttpError('anthropic', 404, '', undefined)).toMatchObject({ code: 'model_not_found' });
  });

  it('never passes a key-like string from the upstream message on', () => {
    const body = JSON.stringify({
      type: 'error',
      error: { type: 'authentication_error', message: 'invalid x-api-key sk-ant-api03-abc123xyz' },
    });
    expect(mapAnthropicHttpError('anthropic', 401, body, undefined).message).not.toContain('abc123xyz');
  });
});

describe('mapAnthropicStreamError', () => {
  it.each([
    ['overloaded_error', 'service_unavailable', true],
    ['api_error', 'upstream_error', true],
    ['rate_limit_error', 'rate_limit_error', true],
    ['invalid_request_error', 'invalid_request_error', false],
    ['mystery_error', 'upstream_error', true],
  ])('maps a mid-stream %s to %s', (upstreamType, type, retryable) => {
    expect(mapAnthropicStreamError('anthropic', { type: upstreamType, message: 'x' })).toMatchObject({
      type,
      retryable,
      upstreamStatus: null,
    });
  });
});
