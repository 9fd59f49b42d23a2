import type { ModelCapabilities, ModelEntry } from '../registry/model-entry';

// Gemini API (AI Studio) paid-tier list prices as integer nano-dollars per million tokens:
// $1.25 / MTok is 1_250_000_000. Models with two tiers are priced at the lower one (prompts up to
// 128K for 1.5 Pro, 200K for 2.5 Pro); longer prompts cost double upstream. Output prices include
// thinking tokens, which the adapter counts as completion tokens.
const GEMINI_CHAT: ModelCapabilities = {
  streaming: true,
  tools: true,
  jsonMode: true,
  vision: true,
  embeddings: false,
};
const GEMINI_EMBEDDING: ModelCapabilities = {
  streaming: false,
  tools: false,
  jsonMode: false,
  vision: false,
  embeddings: true,
};

const chat = (
  id: string,
  contextWindow: number,
  maxOutputTokens: number,
  inputNanoUsdPerMTok: number,
  outputNanoUsdPerMTok: number,
): ModelEntry => ({
  id,
  provider: 'gemini',
  upstreamModel: id,
  contextWindow,
  maxOutputTokens,
  inputNanoUsdPerMTok,
  outputNanoUsdPerMTok,
  capabilities: GEMINI_CHAT,
  ownedBy: 'google',
});

// Embeddings produce vectors, not tokens: no output price, no output budget.
const embedding = (id: string, inputNanoUsdPerMTok: number): ModelEntry => ({
  id,
  provider: 'gemini',
  upstreamModel: id,
  contextWindow: 2_048,
  maxOutputTokens: 0,
  inputNanoUsdPerMTok,
  outputNanoUsdPerMTok: 0,
  capabilities: GEMINI_EMBEDDING,
  ownedBy: 'google',
});

/** Models served by the Gemini adapter. */
export const GEMINI_MODELS: readonly ModelEntry[] = [
  // The seed said 1M context at $0.0005/1K ($0.50/MTok, Gemini 1.0 Pro's price); Google's
  // published 1.5 Pro figures (after the Oct 2024 cut) are 2M context at $1.25 in / $5 out.
  // Google has retired 1.5 Pro from the Gemini API: kept for callers that still name it.
  chat('gemini-1.5-pro', 2_097_152, 8_192, 1_250_000_000, 5_000_000_000),
  chat('gemini-2.5-pro', 1_048_576, 65_536, 1_250_000_000, 10_000_000_000),
  chat('gemini-2.5-flash', 1_048_576, 65_536, 300_000_000, 2_500_000_000),
  chat('gemini-2.0-flash', 1_048_576, 8_192, 100_000_000, 400_000_000),
  // Free of charge on the Gemini API; deprecated by Google in favour of gemini-embedding-001.
  embedding('text-embedding-004', 0),
  embedding('gemini-embedding-001', 150_000_000),
];
