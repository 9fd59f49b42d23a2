import type { TaskType } from '@llmgw/contracts';
import { profileOf, type ModelEntry } from '@llmgw/providers';
import { modelKeyOf } from './model-key';
import { contextNeedOf, estimateCostNanoUsd, type RequestNeeds } from './request-needs';
import { budgetAwareWeights, SCORE_TERMS, type ScoreTerm, type ScoreWeights } from './scoring-weights';

/** What the router has measured of a model; each field overrides its prior. */
export interface LiveModelMetrics {
  /** Recent success rate, 0..1. */
  successRate?: number;
  /** Exponentially weighted moving average of call latency, ms. */
  latencyEwmaMs?: number;
}

export interface ScoringContext {
  taskType: TaskType;
  needs: RequestNeeds;
  remainingBudgetNanoUsd?: number;
  /** 0..1, the least share left of the caller's budgets: below a fifth, cost weighs more. */
  budgetFractionLeft?: number;
  /** Keyed by `provider/model` (see `modelKeyOf`). */
  liveMetrics?: Readonly<Record<string, LiveModelMetrics>>;
}

export interface ScoredCandidate {
  model: ModelEntry;
  /** 0..1, the weighted sum of the terms. */
  total: number;
  /** Each term on its own 0..1 scale. */
  terms: Record<ScoreTerm, number>;
  /** Each term times its weight: what it added to `total`. */
  contributions: Record<ScoreTerm, number>;
  weights: ScoreWeights;
  estimatedCostNanoUsd: number;
  estimatedLatencyMs: number;
}

// The window counts as roomy (full marks) once the request uses at most a quarter of it.
const ROOMY_HEADROOM = 0.75;

/** Scores every candidate against the others for this request; the order is unchanged. */
export function scoreCandidates(candidates: readonly ModelEntry[], context: ScoringContext): ScoredCandidate[] {
  const facts = candidates.map((model) => {
    const profile = profileOf(model);
    const live = context.liveMetrics?.[modelKeyOf(model)];
    return {
      model,
      profile,
      cost: estimateCostNanoUsd(model, context.needs),
      latency: Math.max(1, live?.latencyEwmaMs ?? profile.typicalLatencyMs),
      reliability: live?.successRate ?? profile.reliability,
    };
  });
  const maxCost = Math.max(0, ...facts.map((fact) => fact.cost));
  const minLatency = Math.min(...facts.map((fact) => fact.latency));
  const weights = budgetAwareWeights(context.remainingBudgetNanoUsd, maxCost, context.budgetFractionLeft);
  return facts.map(({ model, profile, cost, latency, reliability }) => {
    const terms: Record<ScoreTerm, number> = {
      strength: clamp01(profile.strengths[context.taskType] ?? profile.strengths.general ?? 0.5),
      reliability: clamp01(reliability),
      context: contextTerm(model, context.needs),
      cost: costTerm(cost, maxCost),
      latency: clamp01(minLatency / latency),
      features: featuresTerm(model, context.needs),
    };
    const contributions = {} as Record<ScoreTerm, number>;
    let total = 0;
    for (const term of SCORE_TERMS) {
      contributions[term] = terms[term] * weights[term];
      total += contributions[term];
    }
    return { model, total: clamp01(total), terms, contributions, weights, estimatedCostNanoUsd: cost, estimatedLatencyMs: latency };
  });
}

/** Headroom of the window over the need, saturating at ROOMY_HEADROOM. */
function contextTerm(model: ModelEntry, needs: RequestNeeds): number {
  if (model.contextWindow <= 0) return 0;
  const headroom = (model.contextWindow - contextNeedOf(model, needs)) / model.contextWindow;
  return clamp01(headroom / ROOMY_HEADROOM);
}

/**
 * Cheapness against the priciest candidate on a log scale (prices span orders of magnitude):
 * free is 1, the priciest 0. Anchoring at zero rather than at the cheapest keeps the term
 * non-increasing in a model's own cost even when the budget moves weight onto it.
 */
function costTerm(cost: number, maxCost: number): number {
  if (maxCost <= 0) return 1;
  return clamp01(1 - Math.log1p(cost) / Math.log1p(maxCost));
}

function featuresTerm(model: ModelEntry, needs: RequestNeeds): number {
  if (needs.requiredFeatures.length === 0) return 1;
  return needs.requiredFeatures.filter((feature) => model.capabilities[feature]).length / needs.requiredFeatures.length;
}

function clamp01(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(1, Math.max(0, value));
}
