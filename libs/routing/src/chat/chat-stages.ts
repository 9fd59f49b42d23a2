import { Inject, Injectable, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { cacheControlsOf, cacheScopeOf, ResponseCache, withoutCacheField, type CacheContext, type CacheHit, type CacheScopeMode } from '@llmgw/caching';
import type { GatewayConfig } from '@llmgw/config';
import { chatCompletionRequestSchema, GatewayError, invalidRequestFromZod, type CallerContext, type ChatCompletion, type ChatCompletionRequest } from '@llmgw/contracts';
import { Guardrails, type GuardrailSession } from '@llmgw/guardrails';
import { GatewayMetrics } from '@llmgw/observability';
import { promptTokenUpperBound, type ResolvedModel } from '@llmgw/providers';
import { AdmissionService, computeCostNanoUsd, type Admission } from '@llmgw/usage';
import type { CallTrace } from '../metering/call-trace';
import type { ChatCallOptions } from './chat-call';
import { splitGatewayExtensions, type GatewayExtensions } from './gateway-extensions';
import type { RoutePlan } from './route-planner';

/** A request after validation and the input guard: what the rest of the path works on. */
export interface PreparedChat {
  request: ChatCompletionRequest;
  extensions: GatewayExtensions;
  guard: GuardrailSession | null;
  cache: CacheContext;
}

/**
 * The pipeline's stages around routing and execution (DESIGN.md "The request path"): validate,
 * guard input, cache lookup, admit (rate limits and budget in one round trip), guard output,
 * store, settle. Each stage is optional so that the handler runs with any subset wired.
 */
@Injectable()
export class ChatStages {
  private readonly cacheScope: CacheScopeMode;

  constructor(
    private readonly metrics: GatewayMetrics,
    config: ConfigService<GatewayConfig, true>,
    @Optional() @Inject(Guardrails) private readonly guardrails: Guardrails | null = null,
    @Optional() @Inject(ResponseCache) private readonly cache: ResponseCache | null = null,
    @Optional() @Inject(AdmissionService) private readonly admissions: AdmissionService | null = null,
  ) {
    this.cacheScope = config.get('CACHE_SCOPE', { infer: true }) ?? 'team';
  }

  /** Validate, read cache controls and routing fields, then guard the input (may throw a block). */
  prepare(body: unknown, caller: CallerContext, options: ChatCallOptions, trace: CallTrace): PreparedChat {
    const controls = cacheControlsOf(options.headers ?? {}, body);
    const parsed = chatCompletionRequestSchema.safeParse(withoutCacheField(body));
    if (!parsed.success) throw invalidRequestFromZod(parsed.error);
    const { request, extensions } = splitGatewayExtensions(parsed.data);
    const guard = this.guardrails?.session(caller.policy?.guardrails ?? null) ?? null;
    const guarded = guard ? this.guardInput(guard, request, trace) : request;
    const routeKey = [options.hints?.strategy, options.hints?.taskType, extensions.provider, extensions.taskType].join('|');
    return { request: guarded, extensions, guard, cache: { scope: cacheScopeOf(caller, this.cacheScope), controls, routeKey } };
  }

  private guardInput(guard: GuardrailSession, request: ChatCompletionRequest, trace: CallTrace): ChatCompletionRequest {
    try {
      return guard.guardRequest(request).request;
    } finally {
      this.noteActions(guard, trace);
    }
  }

  async lookup(prepared: PreparedChat, trace: CallTrace, options: { lastResort?: boolean } = {}): Promise<CacheHit | null> {
    if (!this.cache?.enabled) return null;
    const controls = options.lastResort ? { ...prepared.cache.controls, noCache: false, similarityThreshold: 0 } : prepared.cache.controls;
    const hit = await this.cache.lookup(prepared.request, { ...prepared.cache, controls });
    if (!options.lastResort || hit) this.metrics.recordCache(hit ? (hit.result === 'exact' ? 'hit' : 'semantic-hit') : 'miss', hit?.savedCostNanoUsd);
    if (hit) {
      trace.cacheResult = hit.result;
      trace.savedCostNanoUsd = hit.savedCostNanoUsd;
    }
    return hit;
  }

  async store(prepared: PreparedChat, completion: ChatCompletion, answered: ResolvedModel, fallbackCount: number, costNanoUsd: number): Promise<void> {
    await this.cache?.store(prepared.request, prepared.cache, { completion, provider: answered.adapter.id, model: answered.model.id, costNanoUsd, fallbackCount });
  }

  /**
   * Rate limits and the budget reservation: the largest possible cost of the request on any
   * candidate of the plan (prompt plus its answer cap at the dearest price).
   */
  async admit(prepared: PreparedChat, plan: RoutePlan | null, caller: CallerContext, options: ChatCallOptions): Promise<Admission | null> {
    if (!this.admissions) return null;
    const cap = prepared.request.max_completion_tokens ?? prepared.request.max_tokens ?? null;
    const candidates = plan?.candidates ?? [];
    // A bound from lengths, not a BPE count (settling gives back what was not used), and only if
    // a token limit or a hard budget asks (admission reads these lazily).
    let promptTokens: number | undefined;
    let maxCostNanoUsd: number | undefined;
    const countPrompt = () => (promptTokens ??= promptTokenUpperBound(prepared.request));
    // Read once per hard budget: priced once per request.
    const priceMax = () =>
      (maxCostNanoUsd ??= Math.max(0, ...candidates.map(({ model }) => computeCostNanoUsd({ promptTokens: countPrompt(), completionTokens: cap ?? model.maxOutputTokens }, model))));
    try {
      return await this.admissions.admit({
        caller,
        provider: candidates[0]?.adapter.id ?? null,
        get promptTokens() {
          return countPrompt();
        },
        maxCompletionTokens: cap ?? Math.max(0, ...candidates.map(({ model }) => model.maxOutputTokens)),
        get maxCostNanoUsd() {
          return priceMax();
        },
        ...(options.onRateLimitHeaders ? { onHeaders: options.onRateLimitHeaders } : {}),
      });
    } catch (error) {
      if (error instanceof GatewayError && error.type === 'rate_limit_error') this.metrics.recordRateLimited(error.code === 'provider_rate_limit_exceeded' ? 'provider' : 'key');
      throw error;
    }
  }

  budgetFractionLeft(caller: CallerContext): number | undefined {
    return this.admissions?.remainingBudgetFraction(caller);
  }

  /** The output guard for a whole answer; a block throws (after noting the actions). */
  guardOutput(prepared: PreparedChat, completion: ChatCompletion, trace: CallTrace): ChatCompletion {
    if (!prepared.guard) return completion;
    try {
      return prepared.guard.guardCompletion(completion).completion;
    } finally {
      this.noteActions(prepared.guard, trace);
    }
  }

  /** Records the guard's actions on the trace (usage event) and in metrics, once each. */
  noteActions(guard: GuardrailSession, trace: CallTrace): void {
    for (const action of guard.actions) {
      if (trace.guardrailActions.includes(action)) continue;
      trace.guardrailActions.push(action);
      this.metrics.recordGuardrailAction(action);
    }
  }
}
