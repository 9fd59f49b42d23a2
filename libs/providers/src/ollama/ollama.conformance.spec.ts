import path from 'node:path';
import { startMockOpenAiUpstream, type UpstreamBehaviour } from '@llmgw/testing';
import { describeCompatibleVendor, errorBodiesFrom } from '../openai-compatible/compatible-vendor.contract';
import { describeAdapterConformance, onMockOpenAiUpstream } from '../provider-adapter.contract';
import { OllamaAdapter } from './ollama.adapter';
import { OLLAMA_MODELS } from './ollama.models';

// Ollama's OpenAI-compatible API: usage when asked, embeddings at /v1/embeddings, no key.
const behaviour: Partial<UpstreamBehaviour> = {};
const chatModel = OLLAMA_MODELS.find((model) => model.id === 'llama3.1')!;
const make = (baseUrl: string) => new OllamaAdapter({ baseUrl });

describeAdapterConformance('ollama', onMockOpenAiUpstream(make, chatModel, behaviour));

describeCompatibleVendor('ollama', async () => {
  const upstream = await startMockOpenAiUpstream();
  return {
    adapter: make(upstream.baseUrl),
    upstream,
    chatModel,
    embeddingModel: OLLAMA_MODELS.find((model) => model.id === 'nomic-embed-text')!,
    behaviour,
    errorBodies: errorBodiesFrom(path.join(__dirname, '__fixtures__')),
  };
});
