import { CHAT_TOOLS, EMBEDDINGS_ONLY } from '../openai-compatible/model-capabilities';
import { modelEntry } from '../openai-compatible/model-entry.factory';
import type { ModelEntry } from '../registry/model-entry';

// Cohere's published per-1M prices, billed on `billed_units`. The seed gave command-r-plus
// as "128K, $0.0015/1K"; Cohere publishes Command R+ (08-2024) at $2.50 input / $10.00 output.
export const COHERE_MODELS: ModelEntry[] = [
  {
    id: 'command-r-plus',
    upstreamModel: 'command-r-plus-08-2024',
    contextWindow: 128_000,
    maxOutputTokens: 4_000,
    input: 2_500_000_000,
    output: 10_000_000_000,
    capabilities: CHAT_TOOLS,
    ownedBy: 'cohere',
  },
  {
    id: 'command-r',
    upstreamModel: 'command-r-08-2024',
    contextWindow: 128_000,
    maxOutputTokens: 4_000,
    input: 150_000_000,
    output: 600_000_000,
    capabilities: CHAT_TOOLS,
    ownedBy: 'cohere',
  },
  {
    id: 'command-a',
    upstreamModel: 'command-a-03-2025',
    contextWindow: 256_000,
    maxOutputTokens: 8_000,
    input: 2_500_000_000,
    output: 10_000_000_000,
    capabilities: CHAT_TOOLS,
    ownedBy: 'cohere',
  },
  {
    id: 'embed-english-v3.0',
    contextWindow: 512,
    maxOutputTokens: 0,
    input: 100_000_000,
    output: 0,
    capabilities: EMBEDDINGS_ONLY,
    ownedBy: 'cohere',
  },
].map((facts) => modelEntry('cohere', facts));
