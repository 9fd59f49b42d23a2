import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mapCohereHttpError } from './cohere.errors';

const fixture = (name: string) => readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');

describe('mapCohereHttpError', () => {
  it.each([
    ['error-400.json', 400, 'invalid_request_error', false, null],
    ['error-400-context-length.json', 400, 'context_length_error', false, 'context_length_exceeded'],
    ['error-401.json', 401, 'authentication_error', false, null],
    ['error-402.json', 402, 'upstream_error', false, 'insufficient_quota'],
    ['error-404.json', 404, 'invalid_request_error', false, 'model_not_found'],
    ['error-429.json', 429, 'rate_limit_error', true, null],
    ['error-499.json', 499, 'upstream_error', true, 'upstream_cancelled'],
    ['error-500.json', 500, 'upstream_error', true, null],
    ['error-503.json', 503, 'service_unavailable', true, null],
  ])('maps %s (HTTP %i) to %s', (file, status, type, retryable, code) => {
    const error = mapCohereHttpError(status, fixture(file), undefined);
    expect(error).toMatchObject({ type, retryable, code, provider: 'cohere', upstreamStatus: status });
    expect(error.message.startsWith('cohere: ')).toBe(true);
  });

  it('honours Retry-After, and maps a non-JSON body by status', () => {
    expect(mapCohereHttpError(429, fixture('error-429.json'), '12').retryAfterSeconds).toBe(12);
    expect(mapCohereHttpError(502, '<html>', undefined)).toMatchObject({
      type: 'upstream_error',
      message: 'cohere answered HTTP 502',
    });
  });
});
