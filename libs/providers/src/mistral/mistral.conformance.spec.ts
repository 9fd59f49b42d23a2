import path from 'node:path';
import { startMockOpenAiUpstream } from '@llmgw/testing';
import { describeCompatibleVendor, errorBodiesFrom } from '../openai-compatible/compatible-vendor.contract';
import { describeAdapterConformance } from '../provider-adapter.contract';
import { MistralAdapter } from './mistral.adapter';
import { MISTRAL_MODELS } from './mistral.models';

// Mistral's habits: usage on the finish chunk unasked, 4xx for fields it does not know.
const behaviour = { usageUnasked: 'on-finish-chunk', rejectParams: ['stream_options', 'seed', 'user'] } as const;
const chatModel = MISTRAL_MODELS.find((model) => model.id === 'mistral-small-latest')!;

describeAdapterConformance('mistral', async () => {
  const upstream = await startMockOpenAiUpstream({
    behaviour: { ...behaviour, rejectParams: [...behaviour.rejectParams] },
  });
  const adapter = new MistralAdapter({ baseUrl: upstream.baseUrl, apiKey: 'mistral-conformance' });
  return {
    adapter,
    upstream,
    model: chatModel,
    teardown: async () => {
      await adapter.close();
      await upstream.close();
    },
  };
});

describeCompatibleVendor('mistral', async () => {
  const upstream = await startMockOpenAiUpstream();
  return {
    adapter: new MistralAdapter({ baseUrl: upstream.baseUrl, apiKey: 'mistral-conformance' }),
    upstream,
    chatModel,
    embeddingModel: MISTRAL_MODELS.find((model) => model.id === 'mistral-embed')!,
    behaviour: { ...behaviour, rejectParams: [...behaviour.rejectParams, 'dimensions'] },
    errorBodies: errorBodiesFrom(path.join(__dirname, '__fixtures__')),
  };
});
