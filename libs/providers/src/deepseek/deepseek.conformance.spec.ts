import path from 'node:path';
import { startMockOpenAiUpstream, type UpstreamBehaviour } from '@llmgw/testing';
import { describeCompatibleVendor, errorBodiesFrom } from '../openai-compatible/compatible-vendor.contract';
import { describeAdapterConformance, onMockOpenAiUpstream } from '../provider-adapter.contract';
import { DeepSeekAdapter } from './deepseek.adapter';
import { DEEPSEEK_MODELS } from './deepseek.models';

// DeepSeek's habits: usage only when asked (stream_options), no seed or user; no embeddings API.
const behaviour: Partial<UpstreamBehaviour> = { rejectParams: ['seed', 'user'] };
const chatModel = DEEPSEEK_MODELS.find((model) => model.id === 'deepseek-chat')!;
const make = (baseUrl: string) => new DeepSeekAdapter({ baseUrl, apiKey: 'sk-deepseek-conformance' });

describeAdapterConformance('deepseek', onMockOpenAiUpstream(make, chatModel, behaviour));

describeCompatibleVendor('deepseek', async () => {
  const upstream = await startMockOpenAiUpstream();
  return {
    adapter: make(upstream.baseUrl),
    upstream,
    chatModel,
    behaviour,
    errorBodies: errorBodiesFrom(path.join(__dirname, '__fixtures__')),
  };
});
