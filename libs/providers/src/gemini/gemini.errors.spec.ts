import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ProviderError } from '@llmgw/contracts';
import { mapGeminiErrorObject, mapGeminiHttpError } from './gemini.errors';

const fixture = (name: string) => readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');

describe('mapGeminiHttpError', () => {
  it.each([
    ['error-400.json', 400, 'invalid_request_error', false, 'invalid_argument'],
    ['error-400-api-key-invalid.json', 400, 'authentication_error', false, 'invalid_api_key'],
    ['error-400-context-length.json', 400, 'context_length_error', false, 'context_length_exceeded'],
    ['error-400-failed-precondition.json', 400, 'permission_error', false, 'failed_precondition'],
    ['error-401.json', 401, 'authentication_error', false, 'unauthenticated'],
    ['error-403.json', 403, 'permission_error', false, 'permission_denied'],
    ['error-404.json', 404, 'invalid_request_error', false, 'model_not_found'],
    ['error-429.json', 429, 'rate_limit_error', true, 'resource_exhausted'],
    ['error-500.json', 500, 'upstream_error', true, 'internal'],
    ['error-503.json', 503, 'service_unavailable', true, 'unavailable'],
    ['error-504.json', 504, 'timeout_error', true, 'deadline_exceeded'],
  ])('maps %s (HTTP %i) to %s', (file, status, type, retryable, code) => {
    const error = mapGeminiHttpError('gemini', status, fixture(file), undefined);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ type, retryable, code, provider: 'gemini', upstreamStatus: status });
    expect(error.message.startsWith('gemini: ')).toBe(true);
  });

  it('names the model parameter on a 404', () => {
    expect(mapGeminiHttpError('gemini', 404, fixture('error-404.json'), undefined).param).toBe('model');
  });

  it('waits as long as RetryInfo says, unless Retry-After says otherwise', () => {
    expect(mapGeminiHttpError('gemini', 429, fixture('error-429.json'), undefined).retryAfterSeconds).toBe(37);
    expect(mapGeminiHttpError('gemini', 429, fixture('error-429.json'), '5').retryAfterSeconds).toBe(5);
    const fractional = JSON.stringify({
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.2s' }],
      },
    });
    expect(mapGeminiHttpError('gemini', 429, fractional, undefined).retryAfterSeconds).toBe(2);
  });

  it('never passes a Google API key quoted in a message on', () => {
    const error = mapGeminiHttpError('gemini', 403, fixture('error-403.json'), undefined);
    expect(error.message).not.toContain('abcdefghijklmnop');
    expect(error.message).toContain('AIza***');
  });

  it('reads the array-wrapped error of the JSON streaming endpoint', () => {
    const body = `[${fixture('error-503.json')}]`;
    expect(mapGeminiHttpError('gemini', 503, body, undefined)).toMatchObject({
      type: 'service_unavailable',
      message: 'gemini: The model is overloaded. Please try again later.',
    });
  });

  it('maps a non-JSON error body by its status alone', () => {
    expect(mapGeminiHttpError('gemini', 502, '<html>Bad gateway</html>', undefined)).toMatchObject({
      type: 'upstream_error',
      retryable: true,
      message: 'gemini answered HTTP 502',
    });
  });
});

describe('mapGeminiErrorObject', () => {
  it('uses the code of an in-stream error as its status', () => {
    const error = mapGeminiErrorObject('gemini', { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED' });
    expect(error).toMatchObject({ type: 'rate_limit_error', upstreamStatus: 429 });
    expect(mapGeminiErrorObject('gemini', { message: 'boom' })).toMatchObject({ type: 'upstream_error' });
  });
});
