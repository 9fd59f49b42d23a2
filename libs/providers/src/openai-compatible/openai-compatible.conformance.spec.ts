import { startMockOpenAiUpstream } from '@llmgw/testing';
import { describeAdapterConformance } from '../provider-adapter.contract';
import type { ModelEntry } from '../registry/model-entry';
import { describeCompatibleVendor } from './compatible-vendor.contract';
import { CHAT_TOOLS, EMBEDDINGS_ONLY } from './model-capabilities';
import { modelEntry } from './model-entry.factory';
import { createOpenAiCompatibleAdapter } from './openai-compatible.generic';

// A vLLM server by base URL: the base with an id, models configured by the operator.
const chatModel: ModelEntry = modelEntry('vllm', {
  id: 'vllm/qwen2.5-7b',
  upstreamModel: 'Qwen/Qwen2.5-7B-Instruct',
  contextWindow: 32_768,
  maxOutputTokens: 4_096,
  input: 0,
  output: 0,
  capabilities: CHAT_TOOLS,
  ownedBy: 'qwen',
});
const embeddingModel = { ...chatModel, id: 'vllm/bge-m3', upstreamModel: 'BAAI/bge-m3', capabilities: EMBEDDINGS_ONLY };

describeAdapterConformance('openai-compatible (vLLM)', async () => {
  const upstream = await startMockOpenAiUpstream();
  const adapter = createOpenAiCompatibleAdapter({ id: 'vllm', baseUrl: upstream.baseUrl });
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

describeCompatibleVendor('openai-compatible (vLLM)', async () => {
  const upstream = await startMockOpenAiUpstream();
  return {
    adapter: createOpenAiCompatibleAdapter({ id: 'vllm', baseUrl: upstream.baseUrl, apiKey: 'token-abc' }),
    upstream,
    chatModel,
    embeddingModel,
  };
});
