import type { ModelEntry } from '../registry/model-entry';

/**
 * Qwen through Alibaba Cloud Model Studio's OpenAI-compatible endpoint (QWEN_API_BASE).
 * International list prices of the lowest input tier (up to 32K prompt tokens); larger prompts
 * cost more there, so a deployment with long prompts should override them in the providers file.
 */
export const QWEN_MODELS: readonly ModelEntry[] = [
  {
    id: 'qwen3-coder-plus',
    provider: 'qwen',
    upstreamModel: 'qwen3-coder-plus',
    contextWindow: 1_000_000,
    maxOutputTokens: 65_536,
    inputNanoUsdPerMTok: 1_000_000_000,
    outputNanoUsdPerMTok: 5_000_000_000,
    capabilities: { streaming: true, tools: true, jsonMode: true, vision: false, embeddings: false },
    ownedBy: 'qwen',
  },
];
