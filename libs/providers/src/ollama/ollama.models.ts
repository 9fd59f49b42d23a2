import { CHAT_TOOLS, EMBEDDINGS_ONLY } from '../openai-compatible/model-capabilities';
import { modelEntry } from '../openai-compatible/model-entry.factory';
import type { ModelEntry } from '../registry/model-entry';

// Local models cost nothing. Context windows are the models' own; Ollama's default num_ctx is
// smaller unless the operator raises it. The list is a seed: it is meant to become configurable.
export const OLLAMA_MODELS: ModelEntry[] = [
  {
    id: 'llama3.1',
    contextWindow: 131_072,
    maxOutputTokens: 4_096,
    input: 0,
    output: 0,
    capabilities: CHAT_TOOLS,
    ownedBy: 'meta-llama',
  },
  {
    id: 'qwen2.5-coder',
    contextWindow: 32_768,
    maxOutputTokens: 4_096,
    input: 0,
    output: 0,
    capabilities: CHAT_TOOLS,
    ownedBy: 'qwen',
  },
  {
    id: 'nomic-embed-text',
    contextWindow: 8_192,
    maxOutputTokens: 0,
    input: 0,
    output: 0,
    capabilities: EMBEDDINGS_ONLY,
    ownedBy: 'nomic-ai',
  },
].map((facts) => modelEntry('ollama', facts));
