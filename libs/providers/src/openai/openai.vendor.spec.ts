import path from 'node:path';
import { startMockOpenAiUpstream } from '@llmgw/testing';
import { describeCompatibleVendor, errorBodiesFrom } from '../openai-compatible/compatible-vendor.contract';
import { MODELS } from '../registry/models.data';
import { OpenAiAdapter } from './openai.adapter';
import { OPENAI_MODELS } from './openai.models';

// OpenAI through the shared vendor suite: tool calls, streamed tool calls, embeddings
// (`POST /v1/embeddings`, usage from the response) and its recorded error bodies.
describeCompatibleVendor('openai', async () => {
  const upstream = await startMockOpenAiUpstream();
  return {
    adapter: new OpenAiAdapter({ baseUrl: upstream.baseUrl, apiKey: 'sk-vendor-suite' }),
    upstream,
    chatModel: MODELS.find((model) => model.id === 'gpt-4o-mini')!,
    embeddingModel: OPENAI_MODELS.find((model) => model.id === 'text-embedding-3-small')!,
    errorBodies: errorBodiesFrom(path.join(__dirname, '__fixtures__')),
  };
});
