import { startMockAnthropicUpstream } from '@llmgw/testing';
import { describeAdapterConformance } from '../provider-adapter.contract';
import { AnthropicAdapter } from './anthropic.adapter';
import { ANTHROPIC_MODELS } from './anthropic.models';

describeAdapterConformance('anthropic', async () => {
  const upstream = await startMockAnthropicUpstream();
  const adapter = new AnthropicAdapter({ baseUrl: upstream.baseUrl, apiKey: 'sk-ant-conformance' });
  return {
    adapter,
    upstream,
    model: ANTHROPIC_MODELS.find((model) => model.id === 'claude-sonnet-4-5')!,
    teardown: async () => {
      await adapter.close();
      await upstream.close();
    },
  };
});
