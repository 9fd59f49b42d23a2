import { formatNanoUsd } from '@llmgw/contracts';
import type { ModelEntry } from '@llmgw/providers';
import { modelKeyOf } from './model-key';
import { contextNeedOf, estimateCostNanoUsd, type RequestNeeds } from './request-needs';

export type DropReason = 'not_allowed' | 'missing_feature' | 'output_limit' | 'context_window' | 'circuit_open' | 'over_budget';

export interface DroppedCandidate {
  model: string;
  reason: DropReason;
  detail: string;
}

export interface CandidatePolicy {
  /** Model or provider ids the API key may use; absent (or containing '*') means all. */
  allowedModels?: readonly string[];
  /** Open circuits as `provider/model` keys, or a bare `provider` for a whole provider. */
  openCircuits?: ReadonlySet<string>;
  /** Remaining budget in integer nano-dollars; absent means no budget applies. */
  remainingBudgetNanoUsd?: number;
}

export interface FilterResult {
  eligible: ModelEntry[];
  dropped: DroppedCandidate[];
}

/**
 * Keeps the models able to serve the request under the policy. Checks run in this order, and
 * the first failing one is the reason given: what the request can never get from the model comes
 * before what is transient (circuits, budget), so the caller can tell a 400 from a 503.
 */
export function filterCandidates(candidates: readonly ModelEntry[], needs: RequestNeeds, policy: CandidatePolicy = {}): FilterResult {
  const eligible: ModelEntry[] = [];
  const dropped: DroppedCandidate[] = [];
  for (const model of candidates) {
    const why = dropReasonOf(model, needs, policy);
    if (why) dropped.push({ model: model.id, ...why });
    else eligible.push(model);
  }
  return { eligible, dropped };
}

function dropReasonOf(model: ModelEntry, needs: RequestNeeds, policy: CandidatePolicy): Omit<DroppedCandidate, 'model'> | null {
  const allowed = policy.allowedModels;
  if (allowed && !isAllowed(model, allowed)) {
    return { reason: 'not_allowed', detail: 'not in the API key\'s allowed models' };
  }
  const missing = needs.requiredFeatures.filter((feature) => !model.capabilities[feature]);
  if (missing.length > 0) return { reason: 'missing_feature', detail: `lacks ${missing.join(', ')}` };
  const output = needs.requestedMaxTokens ?? 1;
  if (output > model.maxOutputTokens) {
    return { reason: 'output_limit', detail: `answers at most ${model.maxOutputTokens} tokens, ${output} requested` };
  }
  const need = contextNeedOf(model, needs);
  if (need > model.contextWindow) {
    return { reason: 'context_window', detail: `context window ${model.contextWindow} < ${need} tokens needed` };
  }
  const circuits = policy.openCircuits;
  if (circuits && (circuits.has(modelKeyOf(model)) || circuits.has(model.provider))) {
    return { reason: 'circuit_open', detail: `circuit open for ${modelKeyOf(model)}` };
  }
  const budget = policy.remainingBudgetNanoUsd;
  if (budget !== undefined) {
    const cost = estimateCostNanoUsd(model, needs);
    if (cost > budget) return { reason: 'over_budget', detail: `estimated $${formatNanoUsd(cost)} > remaining $${formatNanoUsd(budget)}` };
  }
  return null;
}

/** A key's allowed list names models or whole providers; '*' allows everything. */
export function isAllowed(model: Pick<ModelEntry, 'id' | 'provider'>, allowed: readonly string[]): boolean {
  return allowed.includes('*') || allowed.includes(model.id) || allowed.includes(model.provider);
}
