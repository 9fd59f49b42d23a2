import { CHAT_TOOLS, CHAT_TOOLS_VISION, EMBEDDINGS_ONLY } from '../openai-compatible/model-capabilities';
import { modelEntry } from '../openai-compatible/model-entry.factory';
import type { ModelEntry } from '../registry/model-entry';

// Mistral's published per-1M prices for the '-latest' aliases (Large 3, Small 3.2, Codestral 25.x).
// The seed "Codestral: 32K, $0.003/1K" described the first Codestral (22B, 2405: 32K
// context, $1/$3 per 1M); codestral-latest now has a 256K context at $0.30/$0.90.
export const MISTRAL_MODELS: ModelEntry[] = [
  {
    id: 'mistral-large-latest',
    contextWindow: 256_000,
    maxOutputTokens: 8_192,
    input: 500_000_000,
    output: 1_500_000_000,
    capabilities: CHAT_TOOLS_VISION,
    ownedBy: 'mistralai',
  },
  {
    id: 'mistral-small-latest',
    contextWindow: 128_000,
    maxOutputTokens: 8_192,
    input: 100_000_000,
    output: 300_000_000,
    capabilities: CHAT_TOOLS_VISION,
    ownedBy: 'mistralai',
  },
  {
    id: 'codestral-latest',
    contextWindow: 256_000,
    maxOutputTokens: 8_192,
    input: 300_000_000,
    output: 900_000_000,
    capabilities: CHAT_TOOLS,
    ownedBy: 'mistralai',
  },
  {
    id: 'mistral-embed',
    contextWindow: 8_192,
    maxOutputTokens: 0,
    input: 100_000_000,
    output: 0,
    capabilities: EMBEDDINGS_ONLY,
    ownedBy: 'mistralai',
  },
].map((facts) => modelEntry('mistral', facts));
