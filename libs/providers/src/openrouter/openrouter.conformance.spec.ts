import path from 'node:path';
import { startMockOpenAiUpstream, type UpstreamBehaviour } from '@llmgw/testing';
import { describeCompatibleVendor, errorBodiesFrom } from '../openai-compatible/compatible-vendor.contract';
import { describeAdapterConformance, onMockOpenAiUpstream } from '../provider-adapter.contract';
import { OpenRouterAdapter } from './openrouter.adapter';
import { OPENROUTER_MODELS } from './openrouter.models';

// OpenRouter's habits: usage as a last `choices: []` chunk when asked with `usage: {include: true}`.
const behaviour: Partial<UpstreamBehaviour> = { usageUnasked: 'separate-chunk', rejectParams: ['stream_options'] };
const chatModel = OPENROUTER_MODELS.find((model) => model.id === 'openrouter/openai/gpt-4o-mini')!;
const make = (baseUrl: string) =>
  new OpenRouterAdapter({ baseUrl, apiKey: 'sk-or-conformance', referer: 'https://llmgw.example', title: 'llmgw' });

describeAdapterConformance('openrouter', onMockOpenAiUpstream(make, chatModel, behaviour));

describeCompatibleVendor('openrouter', async () => {
  const upstream = await startMockOpenAiUpstream();
  return {
    adapter: make(upstream.baseUrl),
    upstream,
    chatModel,
    behaviour,
    errorBodies: errorBodiesFrom(path.join(__dirname, '__fixtures__')),
  };
});
