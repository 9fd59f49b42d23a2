import { startMockOpenAiUpstream } from '@llmgw/testing';
import { describeAdapterConformance, modelNamed } from './provider-adapter.contract';
import { MockAdapter } from './mock/mock.adapter';
import { OpenAiAdapter } from './openai/openai.adapter';

// In process: no HTTP transport to time out or abort.
describeAdapterConformance(
  'mock',
  async () => ({ adapter: new MockAdapter(), model: modelNamed('mock-1'), teardown: async () => undefined }),
  { overHttp: false },
);

describeAdapterConformance('openai', async () => {
  const upstream = await startMockOpenAiUpstream();
  const adapter = new OpenAiAdapter({ baseUrl: upstream.baseUrl, apiKey: 'sk-conformance' });
  return {
    adapter,
    upstream,
    model: modelNamed('gpt-4o-mini'),
    teardown: async () => {
      await adapter.close();
      await upstream.close();
    },
  };
});
