import { CHAT_TOOLS, EMBEDDINGS_ONLY } from '../openai-compatible/model-capabilities';
import { modelEntry } from '../openai-compatible/model-entry.factory';
import type { ModelEntry } from '../registry/model-entry';

/** The seeds' default model (the issue's "Qwen3-Coder"). */
export const TOGETHER_DEFAULT_MODEL = 'Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8';

// Public ids carry a 'together/' prefix so they never collide with the same weights served by
// another provider (Qwen's own API, Ollama). Prices: Together's serverless list. The seed
// gave Qwen3-Coder as "256K, $0.0006/1K"; Together publishes $2.00/$2.00 per 1M and 262,144 tokens.
export const TOGETHER_MODELS: ModelEntry[] = [
  {
    id: 'together/qwen3-coder-480b',
    upstreamModel: TOGETHER_DEFAULT_MODEL,
    contextWindow: 262_144,
    maxOutputTokens: 65_536,
    input: 2_000_000_000,
    output: 2_000_000_000,
    capabilities: CHAT_TOOLS,
    ownedBy: 'qwen',
  },
  {
    id: 'together/llama-3.3-70b-instruct-turbo',
    upstreamModel: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    contextWindow: 131_072,
    maxOutputTokens: 8_192,
    input: 880_000_000,
    output: 880_000_000,
    capabilities: CHAT_TOOLS,
    ownedBy: 'meta-llama',
  },
  {
    id: 'together/bge-base-en-v1.5',
    upstreamModel: 'BAAI/bge-base-en-v1.5',
    contextWindow: 512,
    maxOutputTokens: 0,
    input: 8_000_000,
    output: 0,
    capabilities: EMBEDDINGS_ONLY,
    ownedBy: 'baai',
  },
].map((facts) => modelEntry('together', facts));
