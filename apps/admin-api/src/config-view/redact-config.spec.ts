import { REDACTED, redactConfig, redactUrlCredentials } from './redact-config';

describe('redactConfig', () => {
  it('hides every secret-named value and keeps unset ones visible as null', () => {
    const shown = redactConfig({
      OPENAI_API_KEY: 'sk-live-123',
      JWT_SECRET: 'x'.repeat(40),
      ADMIN_PASSWORD: 'hunter2hunter2',
      GATEWAY_ADMIN_API_KEY: undefined,
      SOME_TOKEN: 'abc',
      ADMIN_PORT: 8002,
      ENABLE_CACHE: true,
    });
    expect(shown).toEqual({
      ADMIN_PASSWORD: REDACTED,
      ADMIN_PORT: 8002,
      ENABLE_CACHE: true,
      GATEWAY_ADMIN_API_KEY: null,
      JWT_SECRET: REDACTED,
      OPENAI_API_KEY: REDACTED,
      SOME_TOKEN: REDACTED,
    });
    expect(JSON.stringify(shown)).not.toMatch(/sk-live|hunter2|xxxx/);
  });

  it('masks credentials inside URLs, whatever the variable is called', () => {
    expect(redactConfig({ DATABASE_URL: 'postgres://app:s3cret@db:5432/llmgw' }).DATABASE_URL).toBe(
      `postgres://app:${encodeURIComponent(REDACTED)}@db:5432/llmgw`,
    );
    expect(redactUrlCredentials('redis://:s3cret@cache:6379')).not.toContain('s3cret');
    expect(redactUrlCredentials('rediss://token-only@cache:6379')).not.toContain('token-only');
    expect(redactUrlCredentials('http://127.0.0.1:8001')).toBe('http://127.0.0.1:8001');
    expect(redactConfig({ OLLAMA_BASE_URL: 'http://localhost:11434' }).OLLAMA_BASE_URL).toBe('http://localhost:11434');
  });
});
