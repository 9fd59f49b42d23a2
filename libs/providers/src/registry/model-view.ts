import type { ModelEntry } from './model-entry';
import { profileOf } from './model-profiles.data';

// OpenAI's `created` is a Unix time; ours is the registry's, fixed so the list is stable.
export const REGISTRY_EPOCH = 1_735_689_600;

/** An OpenAI `Model` object with the registry's facts as extra fields (allowed by the schema). */
export interface ListedModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
  provider: string;
  context_window: number;
  max_output_tokens: number;
  /** Dollars per 1K tokens as exact decimal strings. */
  pricing: { input_per_1k: string; output_per_1k: string; blended_per_1k: string };
  capabilities: string[];
  typical_latency_ms: number;
  strengths: Record<string, number>;
  /** False while the health monitor has its provider out of routing. */
  available: boolean;
}

const CAPABILITY_NAMES = { streaming: 'streaming', tools: 'tools', jsonMode: 'json_mode', vision: 'vision', embeddings: 'embeddings' } as const;

export function listedModel(model: ModelEntry, available: boolean): ListedModel {
  const profile = profileOf(model);
  return {
    id: model.id,
    object: 'model',
    created: REGISTRY_EPOCH,
    owned_by: model.ownedBy,
    provider: model.provider,
    context_window: model.contextWindow,
    max_output_tokens: model.maxOutputTokens,
    pricing: {
      input_per_1k: dollarsPer1k(BigInt(model.inputNanoUsdPerMTok)),
      output_per_1k: dollarsPer1k(BigInt(model.outputNanoUsdPerMTok)),
      // Half of the sum per 1K: exact with one more decimal place than the prices themselves.
      blended_per_1k: dollarsPer1k(BigInt(model.inputNanoUsdPerMTok + model.outputNanoUsdPerMTok), 2n),
    },
    capabilities: Object.entries(CAPABILITY_NAMES).flatMap(([key, name]) => (model.capabilities[key as keyof typeof CAPABILITY_NAMES] ? [name] : [])),
    typical_latency_ms: profile.typicalLatencyMs,
    strengths: { ...profile.strengths },
    available,
  };
}

/** Integer nano-USD per million tokens (divided by `divisor`) as exact dollars per 1K tokens. */
function dollarsPer1k(nanoPerMTok: bigint, divisor = 1n): string {
  const scale = 10n ** 13n; // nano-USD/MTok -> USD/1K is /10^12; one more digit for the halving
  const tenths = (nanoPerMTok * 10n) / divisor; // exact: the sum is at most odd, ×10 / 2 is whole
  const whole = tenths / scale;
  const fraction = (tenths % scale).toString().padStart(13, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}
