import { ProviderError } from '@llmgw/contracts';
import { type MockGeminiUpstream, startMockGeminiUpstream } from '@llmgw/testing';
import { GeminiAdapter } from './gemini.adapter';

describe('GeminiAdapter.checkHealth against the mock upstream', () => {
  let upstream: MockGeminiUpstream;
  let adapter: GeminiAdapter;

  beforeAll(async () => {
    upstream = await startMockGeminiUpstream();
    adapter = new GeminiAdapter({ baseUrl: upstream.baseUrl, apiKey: 'AIzaHealthCheckKey123' });
  });
  afterAll(async () => {
    await adapter.close();
    await upstream.close();
  });

  it('reads GET /v1beta/models with x-goog-api-key, never ?key=', async () => {
    await expect(adapter.checkHealth(new AbortController().signal)).resolves.toBeUndefined();
    const request = upstream.requests.at(-1)!;
    expect(request).toMatchObject({ method: 'GET', path: '/v1beta/models', query: '' });
    expect(request.headers['x-goog-api-key']).toBe('AIzaHealthCheckKey123');
  });

  it('throws an authentication_error on 401', async () => {
    upstream.setBehaviour({ status: 401 });
    const failure = await adapter.checkHealth(new AbortController().signal).catch((error: unknown) => error);
    upstream.setBehaviour({ status: 200 });
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ type: 'authentication_error', provider: 'gemini', upstreamStatus: 401 });
  });
});
