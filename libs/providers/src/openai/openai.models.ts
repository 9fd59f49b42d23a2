import { EMBEDDINGS_ONLY } from '../openai-compatible/model-capabilities';
import type { ModelEntry } from '../registry/model-entry';

// OpenAI's embedding models (list prices per 1M input tokens); its chat models are in the seed catalogue.
const embedding = (id: string, contextWindow: number, nanoUsdPerMTok: number): ModelEntry => ({
  id,
  provider: 'openai',
  upstreamModel: id,
  contextWindow,
  maxOutputTokens: 0,
  inputNanoUsdPerMTok: nanoUsdPerMTok,
  outputNanoUsdPerMTok: 0,
  capabilities: EMBEDDINGS_ONLY,
  ownedBy: 'openai',
});

export const OPENAI_MODELS: ModelEntry[] = [
  embedding('text-embedding-3-small', 8_191, 20_000_000),
  embedding('text-embedding-3-large', 8_191, 130_000_000),
  embedding('text-embedding-ada-002', 8_191, 100_000_000),
];
