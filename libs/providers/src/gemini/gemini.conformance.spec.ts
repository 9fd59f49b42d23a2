import { startMockGeminiUpstream } from '@llmgw/testing';
import { describeAdapterConformance } from '../provider-adapter.contract';
import { GeminiAdapter } from './gemini.adapter';
import { GEMINI_MODELS } from './gemini.models';

describeAdapterConformance('gemini', async () => {
  const upstream = await startMockGeminiUpstream();
  const adapter = new GeminiAdapter({ baseUrl: upstream.baseUrl, apiKey: 'AIza-conformance' });
  return {
    adapter,
    upstream,
    model: GEMINI_MODELS.find((entry) => entry.id === 'gemini-2.5-flash')!,
    teardown: async () => {
      await adapter.close();
      await upstream.close();
    },
  };
});
