import { mapCompatibleHttpError, readVendorError } from './openai-compatible.errors';

describe('mapCompatibleHttpError', () => {
  it('reads top-level (Mistral), nested (OpenAI) and numeric-code (OpenRouter) bodies alike', () => {
    expect(
      readVendorError('{"object":"error","message":"Invalid model","type":"invalid_model","code":"1500"}'),
    ).toMatchObject({
      message: 'Invalid model',
      code: '1500',
    });
    expect(readVendorError('{"error":{"code":429,"message":"Rate limit exceeded"}}')).toMatchObject({ code: '429' });
    expect(readVendorError('{"error":"model not found"}')).toMatchObject({ message: 'model not found' });
    expect(readVendorError('<html>')).toBeUndefined();
  });

  it('keeps a structured message readable (Mistral 422 details)', () => {
    const error = mapCompatibleHttpError(
      'mistral',
      422,
      '{"message":{"detail":[{"msg":"Extra inputs are not permitted"}]}}',
      undefined,
    );
    expect(error).toMatchObject({ type: 'invalid_request_error', retryable: false });
    expect(error.message).toContain('Extra inputs are not permitted');
  });

  it('recognises context-length messages without a code, whatever the 4xx', () => {
    for (const [status, message] of [
      [400, "This model's maximum context length is 65536 tokens."],
      [422, 'Input validation error: `inputs` tokens + `max_new_tokens` must be <= 32769.'],
      [400, 'the input length exceeds the context length'],
    ] as const) {
      const body = JSON.stringify({ error: { message, type: 'invalid_request_error' } });
      expect(mapCompatibleHttpError('v', status, body, undefined)).toMatchObject({
        type: 'context_length_error',
        code: 'context_length_exceeded',
        upstreamStatus: status,
      });
    }
  });

  it('treats 402 as an exhausted balance: not retryable', () => {
    expect(
      mapCompatibleHttpError('deepseek', 402, '{"error":{"message":"Insufficient Balance"}}', undefined),
    ).toMatchObject({
      type: 'upstream_error',
      code: 'insufficient_quota',
      retryable: false,
    });
  });

  it('maps by status with Retry-After, and redacts keys quoted back', () => {
    const error = mapCompatibleHttpError('together', 429, '{"error":{"message":"key sk-abcdef123 limited"}}', '4');
    expect(error).toMatchObject({ type: 'rate_limit_error', retryable: true, retryAfterSeconds: 4 });
    expect(error.message).not.toContain('abcdef123');
    expect(mapCompatibleHttpError('x', 503, 'upstream down', undefined)).toMatchObject({ type: 'service_unavailable' });
  });
});
