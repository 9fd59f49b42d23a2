import type { ModelCapabilities, ModelEntry } from '../registry/model-entry';

export interface ModelFacts {
  id: string;
  upstreamModel?: string;
  contextWindow: number;
  maxOutputTokens: number;
  /** Integer nano-dollars per 1M tokens, written out (e.g. $0.30 is 300_000_000). */
  input: number;
  output: number;
  capabilities: ModelCapabilities;
  ownedBy: string;
}

/** A vendor's `ModelEntry` from its facts (upstream name defaults to the public id). */
export function modelEntry(provider: string, facts: ModelFacts): ModelEntry {
  return {
    id: facts.id,
    provider,
    upstreamModel: facts.upstreamModel ?? facts.id,
    contextWindow: facts.contextWindow,
    maxOutputTokens: facts.maxOutputTokens,
    inputNanoUsdPerMTok: facts.input,
    outputNanoUsdPerMTok: facts.output,
    capabilities: facts.capabilities,
    ownedBy: facts.ownedBy,
  };
}
