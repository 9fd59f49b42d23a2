import type { ModelEntry } from '@llmgw/providers';

/** A chat model for specs: every capability, a 100k window, overridable field by field. */
export function modelFixture(id: string, overrides: Partial<ModelEntry> = {}): ModelEntry {
  return {
    id,
    provider: 'openai',
    upstreamModel: id,
    contextWindow: 100_000,
    maxOutputTokens: 8_000,
    inputNanoUsdPerMTok: 1_000_000_000,
    outputNanoUsdPerMTok: 2_000_000_000,
    capabilities: { streaming: true, tools: true, jsonMode: true, vision: true, embeddings: false },
    ownedBy: 'test',
    ...overrides,
  };
}
