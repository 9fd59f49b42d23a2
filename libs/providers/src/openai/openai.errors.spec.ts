import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ProviderError } from '@llmgw/contracts';
import { mapOpenAiHttpError, mapOpenAiTransportError, parseRetryAfter, redactSecrets } from './openai.errors';

const fixture = (name: string) => readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');

describe('mapOpenAiHttpError', () => {
  it.each([
    ['error-400.json', 400, 'invalid_request_error', false, 'invalid_value', 'temperature'],
    ['error-400-context-length.json', 400, 'context_length_error', false, 'context_length_exceeded', 'messages'],
    ['error-401.json', 401, 'authentication_error', false, 'invalid_api_key', null],
    ['error-404.json', 404, 'invalid_request_error', false, 'model_not_found', 'model'],
    ['error-429.json', 429, 'rate_limit_error', true, 'rate_limit_exceeded', null],
    ['error-500.json', 500, 'upstream_error', true, 'server_error', null],
    ['error-500.json', 502, 'upstream_error', true, 'server_error', null],
    ['error-503.json', 503, 'service_unavailable', true, 'server_error', null],
    ['error-503.json', 529, 'service_unavailable', true, 'server_error', null],
  ])('maps %s with HTTP %i to %s', (file, status, type, retryable, code, param) => {
    const error = mapOpenAiHttpError('openai', status, fixture(file), undefined);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ type, retryable, code, param, provider: 'openai', upstreamStatus: status });
    expect(error.message.startsWith('openai: ')).toBe(true);
  });

  it('maps 403 to permission_error', () => {
    expect(mapOpenAiHttpError('openai', 403, '{}', undefined).type).toBe('permission_error');
  });

  it('carries Retry-After on a 429', () => {
    expect(mapOpenAiHttpError('openai', 429, fixture('error-429.json'), '20').retryAfterSeconds).toBe(20);
  });

  it('never passes a key-like string from the upstream message on', () => {
    const error = mapOpenAiHttpError('openai', 401, fixture('error-401.json'), undefined);
    expect(error.message).not.toMatch(/abc1|xyz9/);
    expect(error.message).toContain('sk-***');
  });

  it('maps a non-JSON error body by its status alone', () => {
    const error = mapOpenAiHttpError('openai', 502, '<html>Bad gateway</html>', undefined);
    expect(error).toMatchObject({ type: 'upstream_error', retryable: true, message: 'openai answered HTTP 502' });
  });

  it('does not retry an exhausted quota', () => {
    const body = JSON.stringify({
      error: {
        message: 'You exceeded your current quota',
        type: 'insufficient_quota',
        param: null,
        code: 'insufficient_quota',
      },
    });
    expect(mapOpenAiHttpError('openai', 429, body, undefined)).toMatchObject({
      type: 'rate_limit_error',
      retryable: false,
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, ignores garbage', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7);
    expect(parseRetryAfter('1.2', now)).toBe(2);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('mapOpenAiTransportError', () => {
  it('maps refused and reset connections to a retryable upstream_error, keeping the cause', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET']) {
      const cause = Object.assign(new Error('boom'), { code });
      const error = mapOpenAiTransportError('openai', cause);
      expect(error).toMatchObject({ type: 'upstream_error', retryable: true, upstreamStatus: null });
      expect(error.cause).toBe(cause);
    }
  });

  it('maps undici timeouts to timeout_error', () => {
    const error = mapOpenAiTransportError('openai', Object.assign(new Error('t'), { code: 'UND_ERR_HEADERS_TIMEOUT' }));
    expect(error).toMatchObject({ type: 'timeout_error', retryable: true });
  });
});

describe('redactSecrets', () => {
  it('masks keys and bearer tokens', () => {
    expect(redactSecrets('key sk-proj-abcdef123456 and Bearer abc.def')).toBe('key sk-*** and Bearer ***');
  });
});
