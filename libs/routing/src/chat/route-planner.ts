import { Inject, Injectable, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig, RoutingRules } from '@llmgw/config';
import { GatewayError, type ChatCompletionRequest, type TaskType } from '@llmgw/contracts';
import { ProviderRegistry, type ResolvedModel } from '@llmgw/providers';
import { classifyTask } from '../classification/task-classifier';
import { LiveModelMetrics } from '../live/live-model-metrics';
import { decideRoute } from '../scoring/route-decision';

/** What the caller said about routing (headers or body metadata). */
export interface RouteHints {
  taskType?: string | undefined;
  strategy?: string | undefined;
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
  ) {
    this.defaultStrategy = config.get('ROUTING_STRATEGY', { infer: true });
    this.maxFallbacks = config.get('MAX_FALLBACKS', { infer: true });
  }

  plan(request: ChatCompletionRequest, hints: RouteHints = {}): RoutePlan {
    const taskHint = hints.taskType ? { header: hints.taskType } : {};
    if (request.model.startsWith(CHAIN_PREFIX)) {
      const name = request.model.slice(CHAIN_PREFIX.length);
      const chain = this.rules.chains[name];
      if (!chain) throw new GatewayError('invalid_request_error', `No routing chain named '${name}'`, { param: 'model', code: 'model_not_found' });
      const { taskType } = classifyTask(request, taskHint);
      return { taskType, candidates: this.available(chain, request.model), reason: `chain ${name}` };
    }
    if (request.model !== AUTO_MODEL) {
      const { taskType } = classifyTask(request, taskHint);
      const fallbacks = this.rules.fallback_map[request.model] ?? [];
      const candidates = [this.providers.resolve(request.model), ...this.available(fallbacks, null)];
      return { taskType, candidates: candidates.slice(0, 1 + this.maxFallbacks), reason: `explicit model ${request.model}` };
    }
    const decision = decideRoute({
      request,
      candidates: this.providers.listModels(),
      strategy: hints.strategy ?? this.defaultStrategy,
      ...(hints.taskType ? { taskHint } : {}),
      policy: { liveMetrics: this.live.forScoring() },
    });
    const routed = this.rules.task_routes[decision.taskType];
    const ranked = [...(routed ? this.available([routed], null) : []), ...[decision.chosen, ...decision.fallbacks].map((model) => this.providers.resolve(model.id))];
    const unique = ranked.filter((candidate, index) => ranked.findIndex((other) => other.model.id === candidate.model.id) === index);
    const reason = routed && unique[0]?.model.id === routed ? `task route ${decision.taskType} -> ${routed}` : decision.reasoning;
    return { taskType: decision.taskType, candidates: unique.slice(0, 1 + this.maxFallbacks), reason };
  }

  /** The listed models that are available now; `requested` names the request when none is. */
  private available(ids: readonly string[], requested: string | null): ResolvedModel[] {
    const resolved = ids.flatMap((id) => {
      try {
        return [this.providers.resolve(id)];
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
