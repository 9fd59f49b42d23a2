import { Inject, Injectable, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig, RoutingRules } from '@llmgw/config';
import { GatewayError, type ChatCompletionRequest, type KeyPolicy, type TaskType } from '@llmgw/contracts';
import { ProviderRegistry, type ResolvedModel } from '@llmgw/providers';
import { classifyTask } from '../classification/task-classifier';
import type { GatewayExtensions } from './gateway-extensions';
import { routeCacheKeyOf } from '../decision-cache/route-cache-key';
import { RouteDecisionCache } from '../decision-cache/route-decision.cache';
import { LiveModelMetrics } from '../live/live-model-metrics';
import { isAllowed } from '../scoring/candidate-filter';
import { requestNeedsOf } from '../scoring/request-needs';
import { fractionPressure } from '../scoring/scoring-weights';
import { decideRoute } from '../scoring/route-decision';

/** What the caller said about routing (headers or body metadata). */
export interface RouteHints {
  taskType?: string | undefined;
  strategy?: string | undefined;
}

/** What the caller's key and budget allow, and the request's own routing fields. */
export interface PlanContext {
  policy?: KeyPolicy | undefined;
  /** Set when a budget applies: cheaper candidates win as it runs out. */
  remainingBudgetNanoUsd?: number | undefined;
  /** 0..1, the least share left of the caller's budgets (key and team). */
  budgetFractionLeft?: number | undefined;
  extensions?: GatewayExtensions | undefined;
}

export interface RoutePlan {
  taskType: TaskType;
  /** The first is the choice, the rest are ranked fallbacks. */
  candidates: ResolvedModel[];
  reason: string;
}

export const AUTO_MODEL = 'auto';
const CHAIN_PREFIX = 'chain:';

/** Nest token of the providers file's routing rules. */
export const ROUTING_RULES = Symbol('ROUTING_RULES');
const NO_RULES: RoutingRules = { task_routes: {}, fallback_map: {}, chains: {} };

/**
 * Which models to try, in order. An explicit model is honoured as asked, then its `fallback_map`
 * entries; `"model": "chain:<name>"` tries a named chain in order; `"model": "auto"` classifies
 * the task, puts the task's configured route first, and ranks every available model with the
 * configured (or asked) strategy. Models whose provider is off are skipped.
 */
@Injectable()
export class RoutePlanner {
  private readonly defaultStrategy: string;
  private readonly maxFallbacks: number;

  constructor(
    private readonly providers: ProviderRegistry,
    config: ConfigService<GatewayConfig, true>,
    @Optional() @Inject(ROUTING_RULES) private readonly rules: RoutingRules = NO_RULES,
    @Optional() private readonly live: LiveModelMetrics = new LiveModelMetrics(),
    @Optional() @Inject(RouteDecisionCache) private readonly decisions: RouteDecisionCache | null = null,
  ) {
    this.defaultStrategy = config.get('ROUTING_STRATEGY', { infer: true });
    this.maxFallbacks = config.get('MAX_FALLBACKS', { infer: true });
  }

  plan(request: ChatCompletionRequest, askedHints: RouteHints = {}, context: PlanContext = {}): RoutePlan {
    const plan = this.planCandidates(request, withExtensionHints(askedHints, context.extensions), context);
    const only = context.extensions?.provider;
    const candidates = only ? plan.candidates.filter(({ adapter }) => adapter.id === only) : plan.candidates;
    if (candidates.length === 0)
      throw new GatewayError('invalid_request_error', `No candidate for this request belongs to provider '${only}'`, { param: 'provider', code: 'model_not_found' });
    return { ...plan, candidates: context.extensions?.enableFallback === false ? candidates.slice(0, 1) : candidates };
  }

  private planCandidates(request: ChatCompletionRequest, hints: RouteHints, context: PlanContext): RoutePlan {
    const taskHint = hints.taskType ? { header: hints.taskType } : {};
    const allowed = context.policy?.allowedModels ?? null;
    if (request.model.startsWith(CHAIN_PREFIX)) {
      const name = request.model.slice(CHAIN_PREFIX.length);
      const chain = this.rules.chains[name];
      if (!chain) throw new GatewayError('invalid_request_error', `No routing chain named '${name}'`, { param: 'model', code: 'model_not_found' });
      const { taskType } = classifyTask(request, taskHint);
      const candidates = this.permitted(this.available(chain, request.model), allowed, request.model);
      return { taskType, candidates, reason: `chain ${name}` };
    }
    if (request.model !== AUTO_MODEL) {
      const { taskType } = classifyTask(request, taskHint);
      const fallbacks = this.rules.fallback_map[request.model] ?? [];
      const asked = this.permitted([this.providers.resolve(request.model)], allowed, request.model);
      const candidates = [...asked, ...this.withinPolicy(this.available(fallbacks, null), allowed)];
      return { taskType, candidates: candidates.slice(0, 1 + this.maxFallbacks), reason: `explicit model ${request.model}` };
    }
    return this.planAuto(request, hints, context);
  }

  /** Smart routing. Without a budget in play the ranking is cached (see RouteDecisionCache). */
  private planAuto(request: ChatCompletionRequest, hints: RouteHints, context: PlanContext): RoutePlan {
    const strategy = hints.strategy ?? context.policy?.routingStrategy ?? this.defaultStrategy;
    const allowed = context.policy?.allowedModels ?? null;
    const budget = minDefined(context.remainingBudgetNanoUsd, context.extensions?.budgetRemainingNanoUsd);
    const budgetLow = fractionPressure(context.budgetFractionLeft) > 0;
    const budgeted = budget !== undefined || budgetLow;
    const only = context.extensions?.provider;
    const features = context.extensions?.requiredFeatures ?? [];
    const cacheKey =
      this.decisions && !budgeted
        ? routeCacheKeyOf({ request, needs: requestNeedsOf(request), strategy, taskHint: [hints.taskType, only, ...features].join('/'), allowedModels: allowed })
        : null;
    const cached = cacheKey ? this.decisions?.get(cacheKey) : undefined;
    if (cached) {
      const candidates = this.available(cached.modelIds, null);
      if (candidates.length > 0) return { taskType: cached.taskType, candidates, reason: `cached decision: ${cached.reason}` };
    }
    const decision = decideRoute({
      request,
      candidates: only ? this.providers.listModels().filter((model) => model.provider === only) : this.providers.listModels(),
      strategy,
      extraFeatures: features,
      ...(hints.taskType ? { taskHint: { header: hints.taskType } } : {}),
      policy: {
        liveMetrics: this.live.forScoring(),
        ...(allowed ? { allowedModels: allowed } : {}),
        ...(budget !== undefined ? { remainingBudgetNanoUsd: budget } : {}),
        ...(budgetLow ? { budgetFractionLeft: context.budgetFractionLeft } : {}),
      },
    });
    const routed = this.rules.task_routes[decision.taskType];
    const routedModels = routed ? this.withinPolicy(this.available([routed], null), allowed) : [];
    const ranked = [...routedModels, ...[decision.chosen, ...decision.fallbacks].map((model) => this.providers.resolve(model.id))];
    const unique = ranked.filter((candidate, index) => ranked.findIndex((other) => other.model.id === candidate.model.id) === index);
    const reason = routed && unique[0]?.model.id === routed ? `task route ${decision.taskType} -> ${routed}` : decision.reasoning;
    const candidates = unique.slice(0, 1 + this.maxFallbacks);
    if (cacheKey) this.decisions?.set(cacheKey, { taskType: decision.taskType, modelIds: candidates.map((candidate) => candidate.model.id), reason });
    return { taskType: decision.taskType, candidates, reason };
  }

  /** The asked-for models the key may use; none at all is the caller's error, said plainly. */
  private permitted(models: ResolvedModel[], allowed: readonly string[] | null, requested: string): ResolvedModel[] {
    const kept = this.withinPolicy(models, allowed);
    if (kept.length === 0)
      throw new GatewayError('permission_error', `This API key may not use the model '${requested}'.`, { param: 'model', code: 'model_not_allowed' });
    return kept;
  }

  private withinPolicy(models: ResolvedModel[], allowed: readonly string[] | null): ResolvedModel[] {
    return allowed ? models.filter(({ model }) => isAllowed(model, allowed)) : models;
  }

  /** The listed models that are available now; `requested` names the request when none is. */
  private available(ids: readonly string[], requested: string | null): ResolvedModel[] {
    const resolved = ids.flatMap((id) => {
      try {
        const candidate = this.providers.resolve(id);
        // A provider the health monitor took out is skipped, as a fallback should be.
        return this.providers.isAvailable(candidate.model.provider) ? [candidate] : [];
      } catch {
        return []; // its provider is off: skip it, as a fallback should be
      }
    });
    if (requested && resolved.length === 0) {
      throw new GatewayError('service_unavailable', `No model of '${requested}' is available`, { param: 'model' });
    }
    return resolved;
  }
}

/** The request's `task_type` (or a task-like `required_capability`) counts as a hint; a header wins. */
function withExtensionHints(hints: RouteHints, extensions: GatewayExtensions | undefined): RouteHints {
  const taskType = hints.taskType ?? extensions?.taskType ?? extensions?.capabilityTask;
  return taskType ? { ...hints, taskType } : hints;
}

function minDefined(...values: Array<number | undefined>): number | undefined {
  const defined = values.filter((value): value is number => value !== undefined);
  return defined.length > 0 ? Math.min(...defined) : undefined;
}
