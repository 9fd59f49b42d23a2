import { startMockOpenAiUpstream } from '@llmgw/testing';
import { describeAdapterConformance } from '../provider-adapter.contract';
import { createQwenAdapter } from './qwen.adapter';
import { QWEN_MODELS } from './qwen.models';

describeAdapterConformance('qwen', async () => {
  const upstream = await startMockOpenAiUpstream();
  const adapter = createQwenAdapter({ baseUrl: upstream.baseUrl, apiKey: 'sk-qwen-conformance' });
  return {
    adapter,
    upstream,
    model: QWEN_MODELS[0]!,
    teardown: async () => {
      await adapter.close();
      await upstream.close();
    },
  };
});
