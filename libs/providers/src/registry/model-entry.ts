import type { TaskType } from '@llmgw/contracts';

export interface ModelCapabilities {
  streaming: boolean;
  tools: boolean;
  jsonMode: boolean;
  vision: boolean;
  embeddings: boolean;
}

/** One model a client may ask for, with what it costs and what it can do. */
export interface ModelEntry {
  /** The public id clients send, e.g. 'gpt-4o-mini' or 'mock-1'. */
  id: string;
  /** The adapter id that serves it. */
  provider: string;
  /** The name sent upstream (may differ from the public id). */
  upstreamModel: string;
  contextWindow: number;
  maxOutputTokens: number;
  /** Integer nano-dollars (1e-9 USD) per million prompt tokens. */
  inputNanoUsdPerMTok: number;
  /** Integer nano-dollars (1e-9 USD) per million completion tokens. */
  outputNanoUsdPerMTok: number;
  capabilities: ModelCapabilities;
  ownedBy: string;
  /** Routing priors (the router's live metrics refine them); defaults in `model-profiles.data.ts`. */
  profile?: Partial<ModelProfile>;
  /** Per-call timeout for this model's provider, from the providers file (else the global one). */
  timeoutMs?: number;
  /** `max_tokens` sent when the request sets none, from the providers file. */
  defaultMaxTokens?: number;
}

/** What the router assumes of a model before it has measured it. */
export interface ModelProfile {
  /** Typical time to a complete answer, in milliseconds. */
  typicalLatencyMs: number;
  /** Prior probability that a call succeeds, 0..1. */
  reliability: number;
  /** How well it does each kind of task, 0..1; a task not listed scores `general`. */
  strengths: Partial<Record<TaskType, number>>;
}
