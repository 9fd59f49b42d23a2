import { ProviderError } from '@llmgw/contracts';
import { type MockUpstream, startMockOpenAiUpstream } from '@llmgw/testing';
import { AzureOpenAiAdapter } from '../azure/azure.adapter';
import { MistralAdapter } from '../mistral/mistral.adapter';
import { OpenAiAdapter } from '../openai/openai.adapter';
import type { OpenAiCompatibleAdapter } from './openai-compatible.adapter';

describe('OpenAI-compatible checkHealth against the mock upstream', () => {
  let upstream: MockUpstream;
  const adapters: OpenAiCompatibleAdapter[] = [];
  const make = <T extends OpenAiCompatibleAdapter>(adapter: T): T => (adapters.push(adapter), adapter);

  beforeAll(async () => {
    upstream = await startMockOpenAiUpstream();
  });
  afterEach(() => upstream.setBehaviour({ status: 200 }));
  afterAll(async () => {
    await Promise.all(adapters.map((adapter) => adapter.close()));
    await upstream.close();
  });

  it('reads GET /v1/models with the bearer key (OpenAI)', async () => {
    const adapter = make(new OpenAiAdapter({ baseUrl: upstream.baseUrl, apiKey: 'sk-health' }));
    await expect(adapter.checkHealth!(new AbortController().signal)).resolves.toBeUndefined();
    const request = upstream.requests.at(-1)!;
    expect(request).toMatchObject({ method: 'GET', path: '/v1/models' });
    expect(request.headers.authorization).toBe('Bearer sk-health');
  });

  it("reads Azure's resource model list with the api-key header and api-version", async () => {
    const origin = upstream.baseUrl.replace(/\/v1$/, '');
    const adapter = make(new AzureOpenAiAdapter({ endpoint: origin, apiKey: 'az-key', apiVersion: '2024-10-21' }));
    await adapter.checkHealth!(new AbortController().signal);
    const request = upstream.requests.at(-1)!;
    expect(request).toMatchObject({ method: 'GET', path: '/openai/models', query: 'api-version=2024-10-21' });
    expect(request.headers['api-key']).toBe('az-key');
  });

  it('covers the vendors built on the shared profile (Mistral)', async () => {
    const adapter = make(new MistralAdapter({ baseUrl: upstream.baseUrl, apiKey: 'mistral-key' }));
    await adapter.checkHealth!(new AbortController().signal);
    expect(upstream.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/models' });
  });

  it('throws an authentication_error when the key is refused, without the key in the message', async () => {
    upstream.setBehaviour({ status: 401 });
    const adapter = make(new OpenAiAdapter({ baseUrl: upstream.baseUrl, apiKey: 'sk-secret-health-key' }));
    const failure = await adapter.checkHealth!(new AbortController().signal).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ type: 'authentication_error', provider: 'openai', upstreamStatus: 401 });
    expect((failure as Error).message).not.toContain('sk-secret-health-key');
  });

  it('stops when the signal aborts', async () => {
    upstream.setBehaviour({ hang: true });
    const adapter = make(new OpenAiAdapter({ baseUrl: upstream.baseUrl, apiKey: 'sk-health' }));
    const failure = adapter.checkHealth!(AbortSignal.timeout(100));
    await expect(failure).rejects.toBeInstanceOf(ProviderError);
    upstream.setBehaviour({ hang: false });
  });
});
