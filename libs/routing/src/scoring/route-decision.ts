import { GatewayError, type ChatCompletionRequest, type TaskType } from '@llmgw/contracts';
import type { ModelEntry } from '@llmgw/providers';
import { classifyTask, type TaskHints } from '../classification/task-classifier';
import { DEFAULT_STRATEGY, strategyNamed } from '../strategies';
import { filterCandidates, type CandidatePolicy, type DroppedCandidate } from './candidate-filter';
import { scoreCandidates, type LiveModelMetrics, type ScoredCandidate } from './model-scorer';
import { requestNeedsOf, type RequiredFeature, type RequestNeeds } from './request-needs';
import { SCORE_TERMS } from './scoring-weights';

export interface RoutePolicy extends CandidatePolicy {
  /** Provider priorities for the `priority` strategy. */
  priorities?: Readonly<Record<string, number>>;
  /** Keyed by `provider/model`. */
  liveMetrics?: Readonly<Record<string, LiveModelMetrics>>;
  /** 0..1, the least share left of the caller's budgets (see AdmissionService). */
  budgetFractionLeft?: number;
}

export interface RouteInput {
  request: ChatCompletionRequest;
  candidates: readonly ModelEntry[];
  /** A strategy name (the `x-llmgw-strategy` header); defaults to `balanced`. */
  strategy?: string;
  taskHint?: TaskHints;
  policy?: RoutePolicy;
  /** Features the caller demands beyond what the request's shape implies (`required_capability`). */
  extraFeatures?: readonly RequiredFeature[];
}

export interface RouteDecision {
  taskType: TaskType;
  confidence: number;
  chosen: ModelEntry;
  /** Up to MAX_FALLBACKS, best first. */
  fallbacks: ModelEntry[];
  reasoning: string;
  estimatedCostNanoUsd: number;
  estimatedLatencyMs: number;
  dropped: DroppedCandidate[];
}

export const MAX_FALLBACKS = 3;

/** Classify, filter, score, rank: which model serves this request and what to fall back to. */
export function decideRoute({ request, candidates, strategy = DEFAULT_STRATEGY, taskHint, policy = {}, extraFeatures = [] }: RouteInput): RouteDecision {
  const selector = strategyNamed(strategy); // an unknown strategy fails before any work
  const task = classifyTask(request, taskHint);
  const needs = withFeatures(requestNeedsOf(request), extraFeatures);
  const { eligible, dropped } = filterCandidates(candidates, needs, policy);
  if (eligible.length === 0) throw nothingFits(candidates.length, dropped);
  const scored = scoreCandidates(eligible, {
    taskType: task.taskType,
    needs,
    remainingBudgetNanoUsd: policy.remainingBudgetNanoUsd,
    ...(policy.budgetFractionLeft !== undefined ? { budgetFractionLeft: policy.budgetFractionLeft } : {}),
    liveMetrics: policy.liveMetrics,
  });
  const ranked = selector.select(scored, { taskType: task.taskType, priorities: policy.priorities });
  const [winner, ...rest] = ranked as [ScoredCandidate, ...ScoredCandidate[]];
  return {
    taskType: task.taskType,
    confidence: task.confidence,
    chosen: winner.model,
    fallbacks: rest.slice(0, MAX_FALLBACKS).map((candidate) => candidate.model),
    reasoning: explain(task, selector.name, winner, rest[0], dropped),
    estimatedCostNanoUsd: winner.estimatedCostNanoUsd,
    estimatedLatencyMs: winner.estimatedLatencyMs,
    dropped,
  };
}

function explain(task: { taskType: TaskType; confidence: number; reason: string }, strategy: string, winner: ScoredCandidate, runnerUp: ScoredCandidate | undefined, dropped: DroppedCandidate[]): string {
  const parts = [`task ${task.taskType} (confidence ${task.confidence}; ${task.reason})`];
  const score = `score ${round(winner.total)}`;
  if (runnerUp) {
    const edges = SCORE_TERMS.map((term) => ({ term, edge: winner.contributions[term] - runnerUp.contributions[term] }))
      .filter(({ edge }) => edge > 0.0005)
      .sort((a, b) => b.edge - a.edge)
      .slice(0, 2);
    const why = edges.length > 0 ? `, winning on ${edges.map(({ term, edge }) => `${term} (+${round(edge)})`).join(' and ')}` : '';
    parts.push(`${strategy} chose ${winner.model.id} (${score}${why}) over ${runnerUp.model.id} (score ${round(runnerUp.total)})`);
  } else {
    const top = [...SCORE_TERMS].sort((a, b) => winner.contributions[b] - winner.contributions[a]).slice(0, 2);
    parts.push(`${strategy} chose ${winner.model.id}, the only eligible model (${score}, mostly ${top.join(' and ')})`);
  }
  if (dropped.length > 0) parts.push(`dropped ${dropped.map((drop) => `${drop.model} (${drop.detail})`).join(', ')}`);
  return parts.join('; ');
}

// Shown in the error message; the full list stays in the error's metadata.
const DROPS_IN_MESSAGE = 5;

/** Why nothing fits: transient causes (open circuits, budget) before the request's own. */
function nothingFits(candidateCount: number, dropped: DroppedCandidate[]): GatewayError {
  if (candidateCount === 0) return new GatewayError('service_unavailable', 'No model is configured to serve this request', { code: 'no_candidates' });
  const listed = dropped.slice(0, DROPS_IN_MESSAGE).map((drop) => `${drop.model}: ${drop.detail}`);
  const more = dropped.length > DROPS_IN_MESSAGE ? ` (and ${dropped.length - DROPS_IN_MESSAGE} more)` : '';
  const message = `No model can serve this request: ${listed.join('; ')}${more}`;
  const metadata = { dropped };
  if (dropped.some((drop) => drop.reason === 'circuit_open')) {
    return new GatewayError('service_unavailable', message, { code: 'all_circuits_open', metadata });
  }
  if (dropped.some((drop) => drop.reason === 'over_budget')) {
    return new GatewayError('budget_exceeded', message, { code: 'budget_exceeded', metadata });
  }
  if (dropped.every((drop) => drop.reason === 'context_window')) {
    return new GatewayError('context_length_error', message, { code: 'context_length_exceeded', param: 'messages', metadata });
  }
  return new GatewayError('invalid_request_error', message, { code: 'no_eligible_model', param: 'model', metadata });
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

function withFeatures(needs: RequestNeeds, extra: readonly RequiredFeature[]): RequestNeeds {
  if (extra.length === 0) return needs;
  return { ...needs, requiredFeatures: [...new Set([...needs.requiredFeatures, ...extra])] };
}
