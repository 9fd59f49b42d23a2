import { ProviderError } from '@llmgw/contracts';
import { type MockAnthropicUpstream, startMockAnthropicUpstream } from '@llmgw/testing';
import { AnthropicAdapter } from './anthropic.adapter';

describe('AnthropicAdapter.checkHealth against the mock upstream', () => {
  let upstream: MockAnthropicUpstream;
  let adapter: AnthropicAdapter;

  beforeAll(async () => {
    upstream = await startMockAnthropicUpstream();
    adapter = new AnthropicAdapter({ baseUrl: upstream.baseUrl, apiKey: 'sk-ant-health' });
  });
  afterAll(async () => {
    await adapter.close();
    await upstream.close();
  });

  it('reads GET /v1/models with the key and version headers', async () => {
    await expect(adapter.checkHealth(new AbortController().signal)).resolves.toBeUndefined();
    const request = upstream.requests.at(-1)!;
    expect(request).toMatchObject({ method: 'GET', path: '/v1/models' });
    expect(request.headers).toMatchObject({ 'x-api-key': 'sk-ant-health', 'anthropic-version': '2023-06-01' });
  });

  it('throws an authentication_error on 401', async () => {
    upstream.setBehaviour({ status: 401 });
    const failure = await adapter.checkHealth(new AbortController().signal).catch((error: unknown) => error);
    upstream.setBehaviour({ status: 200 });
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ type: 'authentication_error', provider: 'anthropic', upstreamStatus: 401 });
  });
});
