import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig } from '@llmgw/config';
import type { ChatCompletionRequest, TaskType } from '@llmgw/contracts';
import { ProviderRegistry, type ResolvedModel } from '@llmgw/providers';
import { classifyTask } from '../classification/task-classifier';
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

/**
 * Which models to try, in order. An explicit model is honoured as asked; `"model": "auto"`
 * classifies the task and ranks every available model with the configured (or asked) strategy.
 */
@Injectable()
export class RoutePlanner {
  private readonly defaultStrategy: string;
  private readonly maxFallbacks: number;

  constructor(
    private readonly providers: ProviderRegistry,
    config: ConfigService<GatewayConfig, true>,
  ) {
    this.defaultStrategy = config.get('ROUTING_STRATEGY', { infer: true });
    this.maxFallbacks = config.get('MAX_FALLBACKS', { infer: true });
  }

  plan(request: ChatCompletionRequest, hints: RouteHints = {}): RoutePlan {
    if (request.model !== AUTO_MODEL) {
      const { taskType } = classifyTask(request, hints.taskType ? { header: hints.taskType } : {});
      return { taskType, candidates: [this.providers.resolve(request.model)], reason: `explicit model ${request.model}` };
    }
    const decision = decideRoute({
      request,
      candidates: this.providers.listModels(),
      strategy: hints.strategy ?? this.defaultStrategy,
      ...(hints.taskType ? { taskHint: { header: hints.taskType } } : {}),
    });
    const ranked = [decision.chosen, ...decision.fallbacks].slice(0, 1 + this.maxFallbacks);
    return { taskType: decision.taskType, candidates: ranked.map((model) => this.providers.resolve(model.id)), reason: decision.reasoning };
  }
}
