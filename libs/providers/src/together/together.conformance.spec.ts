import path from 'node:path';
import { startMockOpenAiUpstream, type UpstreamBehaviour } from '@llmgw/testing';
import { describeCompatibleVendor, errorBodiesFrom } from '../openai-compatible/compatible-vendor.contract';
import { describeAdapterConformance, onMockOpenAiUpstream } from '../provider-adapter.contract';
import { TogetherAdapter } from './together.adapter';
import { TOGETHER_MODELS } from './together.models';

// Together's habits: usage on the finish chunk unasked.
const behaviour: Partial<UpstreamBehaviour> = {
  usageUnasked: 'on-finish-chunk',
  rejectParams: ['stream_options', 'dimensions'],
};
const chatModel = TOGETHER_MODELS.find((model) => model.id === 'together/qwen3-coder-480b')!;
const make = (baseUrl: string) => new TogetherAdapter({ baseUrl, apiKey: 'together-conformance' });

describeAdapterConformance('together', onMockOpenAiUpstream(make, chatModel, behaviour));

describeCompatibleVendor('together', async () => {
  const upstream = await startMockOpenAiUpstream();
  return {
    adapter: make(upstream.baseUrl),
    upstream,
    chatModel,
    embeddingModel: TOGETHER_MODELS.find((model) => model.id === 'together/bge-base-en-v1.5')!,
    behaviour,
    errorBodies: errorBodiesFrom(path.join(__dirname, '__fixtures__')),
  };
});
