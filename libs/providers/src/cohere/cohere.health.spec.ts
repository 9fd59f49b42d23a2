import { ProviderError } from '@llmgw/contracts';
import { type MockUpstream, startMockCohereUpstream } from '@llmgw/testing';
import { CohereAdapter } from './cohere.adapter';

describe('CohereAdapter.checkHealth against the mock upstream', () => {
  let upstream: MockUpstream;
  let adapter: CohereAdapter;

  beforeAll(async () => {
    upstream = await startMockCohereUpstream();
    adapter = new CohereAdapter({ baseUrl: upstream.baseUrl, apiKey: 'co-health' });
  });
  afterAll(async () => {
    await adapter.close();
    await upstream.close();
  });

  it('reads GET /v1/models with the bearer key', async () => {
    await expect(adapter.checkHealth(new AbortController().signal)).resolves.toBeUndefined();
    const request = upstream.requests.at(-1)!;
    expect(request).toMatchObject({ method: 'GET', path: '/v1/models' });
    expect(request.headers.authorization).toBe('Bearer co-health');
  });

  it('throws an authentication_error on 401', async () => {
    upstream.setBehaviour({ status: 401 });
    const failure = await adapter.checkHealth(new AbortController().signal).catch((error: unknown) => error);
    upstream.setBehaviour({ status: 200 });
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ type: 'authentication_error', provider: 'cohere', upstreamStatus: 401 });
  });
});
