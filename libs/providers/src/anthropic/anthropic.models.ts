import type { ModelCapabilities, ModelEntry } from '../registry/model-entry';

// Anthropic list prices (https://www.anthropic.com/pricing, platform.claude.com model pages) as
// integer nano-dollars per million tokens: $3 / MTok is 3_000_000_000. Standard (<= 200K prompt)
// tier; cache writes and reads are billed differently upstream but are metered as prompt tokens.
// Anthropic has no JSON mode: `jsonMode` is true because the adapter asks for JSON in the system prompt.
const CLAUDE: ModelCapabilities = {
  streaming: true,
  tools: true,
  jsonMode: true,
  vision: true,
  embeddings: false,
};

const claude = (
  id: string,
  upstreamModel: string,
  maxOutputTokens: number,
  inputNanoUsdPerMTok: number,
  outputNanoUsdPerMTok: number,
): ModelEntry => ({
  id,
  provider: 'anthropic',
  upstreamModel,
  contextWindow: 200_000,
  maxOutputTokens,
  inputNanoUsdPerMTok,
  outputNanoUsdPerMTok,
  capabilities: CLAUDE,
  ownedBy: 'anthropic',
});

/** Claude models served by the Anthropic adapter, pinned to dated snapshots. */
export const ANTHROPIC_MODELS: readonly ModelEntry[] = [
  // The seed. Anthropic has deprecated the 3.5 Sonnet snapshots: keep for existing callers.
  claude('claude-3-5-sonnet', 'claude-3-5-sonnet-20241022', 8_192, 3_000_000_000, 15_000_000_000),
  claude('claude-sonnet-4-5', 'claude-sonnet-4-5-20250929', 64_000, 3_000_000_000, 15_000_000_000),
  claude('claude-opus-4-1', 'claude-opus-4-1-20250805', 32_000, 15_000_000_000, 75_000_000_000),
  claude('claude-haiku-4-5', 'claude-haiku-4-5-20251001', 64_000, 1_000_000_000, 5_000_000_000),
];
