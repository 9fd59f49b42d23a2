import type { ChatCompletionRequest } from '@llmgw/contracts';
import { countPromptTokens, type ModelCapabilities, type ModelEntry } from '@llmgw/providers';

export type RequiredFeature = keyof Pick<ModelCapabilities, 'tools' | 'jsonMode' | 'vision' | 'streaming'>;

/** What a request demands of any model that serves it. */
export interface RequestNeeds {
  promptTokens: number;
  /** `max_tokens` / `max_completion_tokens`, or null when the request sets none. */
  requestedMaxTokens: number | null;
  requiredFeatures: RequiredFeature[];
}

// When nothing caps the answer, cost and budget are estimated on a typical reply of this size.
export const DEFAULT_EXPECTED_OUTPUT_TOKENS = 1_024;

export function requestNeedsOf(request: ChatCompletionRequest): RequestNeeds {
  const features: RequiredFeature[] = [];
  if (request.tools && request.tools.length > 0) features.push('tools');
  const format = request.response_format?.type;
  if (format === 'json_object' || format === 'json_schema') features.push('jsonMode');
  if (request.messages.some((message) => message.role === 'user' && Array.isArray(message.content) && message.content.some((part) => part.type === 'image_url'))) {
    features.push('vision');
  }
  if (request.stream === true) features.push('streaming');
  return {
    promptTokens: countPromptTokens(request),
    requestedMaxTokens: request.max_completion_tokens ?? request.max_tokens ?? null,
    requiredFeatures: features,
  };
}

/** Tokens the model's window must hold: the prompt plus the answer's cap, when one is known. */
export function contextNeedOf(model: ModelEntry, needs: RequestNeeds): number {
  return needs.promptTokens + (needs.requestedMaxTokens ?? model.defaultMaxTokens ?? 0);
}

/** Completion tokens the estimate assumes: the cap when known, else a typical reply. */
export function expectedOutputTokensOf(model: ModelEntry, needs: RequestNeeds): number {
  return needs.requestedMaxTokens ?? model.defaultMaxTokens ?? Math.min(model.maxOutputTokens, DEFAULT_EXPECTED_OUTPUT_TOKENS);
}

/** Integer nano-dollars, rounded up; BigInt because tokens × price-per-MTok can pass 2^53. */
export function estimateCostNanoUsd(model: ModelEntry, needs: RequestNeeds): number {
  const micro =
    BigInt(needs.promptTokens) * BigInt(model.inputNanoUsdPerMTok) + BigInt(expectedOutputTokensOf(model, needs)) * BigInt(model.outputNanoUsdPerMTok);
  const million = 1_000_000n;
  return Number((micro + million - 1n) / million);
}
