import { Inject, Injectable } from '@nestjs/common';
import { chatCompletionRequestSchema, formatNanoUsd, invalidRequestFromZod, parseRequest, type ChatCompletionRequest } from '@llmgw/contracts';
import { ProviderHealthService, ProviderRegistry, profileOf } from '@llmgw/providers';
import { z } from 'zod';
import { RoutePlanner, type RouteHints } from '../chat/route-planner';
import { LiveModelMetrics } from '../live/live-model-metrics';
import { CIRCUIT_BREAKER_STORE } from '../resilience/circuit-breaker.provider';
import type { CircuitBreakerStore } from '../resilience/circuit-breaker.store';
import { decideRoute } from '../scoring/route-decision';

// The seeds' intent body: a task in words, optionally with sources, targets and a mode.
const intentBodySchema = z.object({
  intent: z.string().min(1).max(100_000),
  sources: z.array(z.unknown()).optional(),
  targets: z.array(z.unknown()).optional(),
  mode: z.string().max(32).optional(),
  max_tokens: z.number().int().positive().optional(),
  model: z.string().min(1).optional(),
});

const chainQuerySchema = z.object({
  model: z.string().min(1).max(200).default('auto'),
  strategy: z.string().min(1).max(64).optional(),
  task_type: z.string().min(1).max(64).optional(),
  prompt: z.string().min(1).max(10_000).default('general request'),
});

/** Answers "where would this go, and why" and "how is every provider doing", calling no model. */
@Injectable()
export class RouterInspector {
  constructor(
    private readonly providers: ProviderRegistry,
    private readonly health: ProviderHealthService,
    @Inject(CIRCUIT_BREAKER_STORE) private readonly breaker: CircuitBreakerStore,
    private readonly live: LiveModelMetrics,
    private readonly planner: RoutePlanner,
  ) {}

  /**
   * The models the router would try for a model (its fallback_map), a chain, or `auto` under a
   * strategy, in order; nothing is called. A sample prompt steers task classification for auto.
   */
  chain(query: unknown) {
    const { model, strategy, task_type: taskType, prompt } = parseRequest(chainQuerySchema, query);
    const plan = this.planner.plan({ model, messages: [{ role: 'user', content: prompt }] }, { strategy, taskType });
    return {
      model,
      strategy: strategy ?? null,
      task_type: plan.taskType,
      reason: plan.reason,
      chain: plan.candidates.map(({ adapter, model: entry }) => ({ provider: adapter.id, model: entry.id })),
    };
  }

  async route(body: unknown, hints: RouteHints) {
    const request = toChatRequest(body);
    const circuits = await this.breaker.snapshot();
    const openCircuits = new Set(Object.entries(circuits).filter(([, view]) => view.state === 'open').map(([key]) => key.replace(':', '/')));
    const candidates = request.model === 'auto' ? this.providers.listModels() : [this.providers.resolve(request.model).model];
    const decision = decideRoute({
      request,
      candidates,
      ...(hints.strategy ? { strategy: hints.strategy } : {}),
      ...(hints.taskType ? { taskHint: { header: hints.taskType } } : {}),
      policy: { openCircuits, liveMetrics: this.live.forScoring() },
    });
    return {
      provider: decision.chosen.provider,
      model: decision.chosen.id,
      task_type: decision.taskType,
      confidence: decision.confidence,
      reasoning: decision.reasoning,
      fallback_providers: decision.fallbacks.map((model) => ({ provider: model.provider, model: model.id })),
      estimated_cost: formatNanoUsd(decision.estimatedCostNanoUsd),
      estimated_cost_nano_usd: String(decision.estimatedCostNanoUsd),
      estimated_latency_ms: decision.estimatedLatencyMs,
    };
  }

  async status() {
    const [health, circuits] = await Promise.all([this.health.check(), this.breaker.snapshot()]);
    const models = this.providers.listModels();
    const live = this.live.snapshot();
    return {
      providers: this.providers.adapters().map((adapter) => ({
        provider: adapter.id,
        available: health[adapter.id]?.status !== 'down',
        health: health[adapter.id] ?? null,
        models: models
          .filter((model) => model.provider === adapter.id)
          .map((model) => {
            const profile = profileOf(model);
            return {
              id: model.id,
              context_window: model.contextWindow,
              input_nano_usd_per_mtok: String(model.inputNanoUsdPerMTok),
              output_nano_usd_per_mtok: String(model.outputNanoUsdPerMTok),
              capabilities: model.capabilities,
              typical_latency_ms: profile.typicalLatencyMs,
              reliability: profile.reliability,
              circuit: circuits[`${adapter.id}:${model.id}`]?.state ?? 'closed',
              // Measured by this replica; null until it has served the model.
              live: live[`${adapter.id}/${model.id}`] ?? null,
            };
          }),
      })),
    };
  }

  async circuits() {
    return { circuits: await this.breaker.snapshot() };
  }
}

function toChatRequest(body: unknown): ChatCompletionRequest {
  const intent = intentBodySchema.safeParse(body);
  if (intent.success && typeof (body as { messages?: unknown }).messages === 'undefined') {
    const { intent: text, max_tokens, model } = intent.data;
    return { model: model ?? 'auto', messages: [{ role: 'user', content: text }], ...(max_tokens ? { max_tokens } : {}) };
  }
  const chat = chatCompletionRequestSchema.safeParse(body);
  if (!chat.success) throw invalidRequestFromZod(chat.error);
  return chat.data;
}
