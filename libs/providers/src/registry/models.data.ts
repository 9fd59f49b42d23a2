import type { ModelCapabilities, ModelEntry } from './model-entry';

// Prices are integer nano-dollars per million tokens, written out (never float arithmetic on
// money): $0.15 per 1M tokens is 150_000_000.

const CHAT_WITH_VISION: ModelCapabilities = {
  streaming: true,
  tools: true,
  jsonMode: true,
  vision: true,
  embeddings: false,
};
const CHAT_ONLY: ModelCapabilities = { ...CHAT_WITH_VISION, vision: false };

/** The seed catalogue (public OpenAI list prices). Add a model here, not in code. */
export const MODELS: readonly ModelEntry[] = [
  {
    id: 'gpt-4o-mini',
    provider: 'openai',
    upstreamModel: 'gpt-4o-mini',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    inputNanoUsdPerMTok: 150_000_000,
    outputNanoUsdPerMTok: 600_000_000,
    capabilities: CHAT_WITH_VISION,
    ownedBy: 'openai',
  },
  {
    id: 'gpt-4o',
    provider: 'openai',
    upstreamModel: 'gpt-4o',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    inputNanoUsdPerMTok: 2_500_000_000,
    outputNanoUsdPerMTok: 10_000_000_000,
    capabilities: CHAT_WITH_VISION,
    ownedBy: 'openai',
  },
  {
    id: 'gpt-4-turbo',
    provider: 'openai',
    upstreamModel: 'gpt-4-turbo',
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    inputNanoUsdPerMTok: 10_000_000_000,
    outputNanoUsdPerMTok: 30_000_000_000,
    capabilities: CHAT_WITH_VISION,
    ownedBy: 'openai',
  },
  // Mock models cost something, so metering is testable end to end.
  {
    id: 'mock-1',
    provider: 'mock',
    upstreamModel: 'mock-1',
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    inputNanoUsdPerMTok: 1_000_000_000,
    outputNanoUsdPerMTok: 2_000_000_000,
    capabilities: CHAT_ONLY,
    ownedBy: 'llmgw',
  },
  {
    id: 'mock-fast',
    provider: 'mock',
    upstreamModel: 'mock-fast',
    contextWindow: 16_000,
    maxOutputTokens: 1_024,
    inputNanoUsdPerMTok: 100_000_000,
    outputNanoUsdPerMTok: 200_000_000,
    capabilities: CHAT_ONLY,
    ownedBy: 'llmgw',
  },
  {
    id: 'mock-embed',
    provider: 'mock',
    upstreamModel: 'mock-embed',
    contextWindow: 8_192,
    maxOutputTokens: 0,
    inputNanoUsdPerMTok: 20_000_000,
    outputNanoUsdPerMTok: 0,
    capabilities: { streaming: false, tools: false, jsonMode: false, vision: false, embeddings: true },
    ownedBy: 'llmgw',
  },
];
