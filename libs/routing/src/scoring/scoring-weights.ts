export const SCORE_TERMS = ['strength', 'reliability', 'context', 'cost', 'latency', 'features'] as const;
export type ScoreTerm = (typeof SCORE_TERMS)[number];
export type ScoreWeights = Readonly<Record<ScoreTerm, number>>;

/** The seed documents' weights: strength match 40%, reliability 20%, context 20%, cost 10%, latency 5%, features 5%. */
export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = {
  strength: 0.4,
  reliability: 0.2,
  context: 0.2,
  cost: 0.1,
  latency: 0.05,
  features: 0.05,
};

// Pressure starts when the remaining budget covers fewer than this many requests like this one,
// and at full pressure cost weighs this much more (taken proportionally from the other terms).
const LOW_BUDGET_REQUESTS = 20;
const MAX_COST_SHIFT = 0.4;

/**
 * The weights for one request. With a budget, the closer it is to the request's estimated cost
 * (the priciest candidate's, so weights are the same for every candidate), the more cost counts.
 * The weights always sum to 1.
 */
export function budgetAwareWeights(remainingBudgetNanoUsd: number | undefined, estimatedCostNanoUsd: number, budgetFractionLeft?: number): ScoreWeights {
  const pressure = Math.max(budgetPressure(remainingBudgetNanoUsd, estimatedCostNanoUsd), fractionPressure(budgetFractionLeft));
  if (pressure === 0) return DEFAULT_SCORE_WEIGHTS;
  const base = DEFAULT_SCORE_WEIGHTS;
  const cost = base.cost + MAX_COST_SHIFT * pressure;
  const scale = (1 - cost) / (1 - base.cost);
  return {
    strength: base.strength * scale,
    reliability: base.reliability * scale,
    context: base.context * scale,
    cost,
    latency: base.latency * scale,
    features: base.features * scale,
  };
}

// A budget (key or team, daily or monthly) counts as running low in its last fifth.
const LOW_BUDGET_FRACTION = 0.2;

/** 0 above the last fifth of a budget (or with none), rising to 1 as it runs out. */
export function fractionPressure(fractionLeft: number | undefined): number {
  if (fractionLeft === undefined || fractionLeft >= LOW_BUDGET_FRACTION) return 0;
  return Math.min(1, Math.max(0, 1 - fractionLeft / LOW_BUDGET_FRACTION));
}

/** 0 with plenty of budget (or none set), rising to 1 as the budget falls to nothing. */
export function budgetPressure(remainingBudgetNanoUsd: number | undefined, estimatedCostNanoUsd: number): number {
  if (remainingBudgetNanoUsd === undefined || estimatedCostNanoUsd <= 0) return 0;
  const coverage = Math.max(0, remainingBudgetNanoUsd) / (estimatedCostNanoUsd * LOW_BUDGET_REQUESTS);
  return Math.min(1, Math.max(0, 1 - coverage));
}
