import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { ChatCompletion, ChatCompletionRequest, NanoUsd } from '@llmgw/contracts';
import type { CacheControls } from './controls/cache-controls';
import type { CacheScope } from './keys/cache-scope';
import { exactCacheKey, type KeyedRequest, promptSummaryOf } from './keys/request-keys';
import type { ExactCacheStore } from './exact/exact-cache.store';
import type { SemanticCache } from './semantic/semantic-cache';

export interface ResponseCacheSettings {
  enabled: boolean;
  defaultTtlSeconds: number;
  maxTtlSeconds: number;
}

/** Where a request stands with the cache. `routeKey`: routing hints that change who answers. */
export interface CacheContext {
  scope: CacheScope;
  controls: CacheControls;
  routeKey?: string;
  signal?: AbortSignal;
}

export interface CacheHit {
  result: 'exact' | 'semantic';
  /** Cosine similarity of the cached prompt, for semantic hits. */
  similarity?: number;
  /** The cached answer with a fresh id and `created`. */
  completion: ChatCompletion;
  /** Who produced the cached answer. */
  provider: string;
  model: string;
  /** What the original answer cost: this request's saving (it is metered at cost 0). */
  savedCostNanoUsd: NanoUsd;
  /** When the answer was produced (ms since the epoch). */
  cachedAt: number;
}

export interface AnswerToStore {
  completion: ChatCompletion;
  /** The provider and model that actually answered (after any fallback). */
  provider: string;
  model: string;
  costNanoUsd: NanoUsd;
  /** > 0: a fallback answered, so it is stored under its own model, never the one asked for. */
  fallbackCount: number;
}

/**
 * The cache as the request path sees it: `lookup` before routing, `store` after a successful
 * answer. Exact first (one Redis round trip), then semantic when enabled. A cache failure is a
 * miss, never a failed request; isolation never fails open (every read names the tenant).
 */
export class ResponseCache {
  private readonly logger = new Logger('ResponseCache');
  /** The key a lookup computed, for the store of the same request (canonical JSON is not free). */
  private readonly lookedUpKeys = new WeakMap<ChatCompletionRequest, string>();

  constructor(
    private readonly entries: ExactCacheStore,
    private readonly settings: ResponseCacheSettings,
    private readonly semantic: SemanticCache | null = null,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.settings.enabled;
  }

  async lookup(request: ChatCompletionRequest, context: CacheContext): Promise<CacheHit | null> {
    if (!this.settings.enabled || context.controls.noCache) return null;
    try {
      const keyed: KeyedRequest = { request, ...(context.routeKey !== undefined ? { routeKey: context.routeKey } : {}) };
      const now = this.now();
      // Without a semantic cache an exact miss is the answer: counted in the same round trip.
      const key = exactCacheKey(keyed);
      this.lookedUpKeys.set(request, key);
      const exact = await this.entries.get({ tenant: context.scope.tenant, key }, now, 'exact', this.semantic === null);
      if (exact) return hit('exact', exact.answer, exact.createdAt, now);
      if (this.semantic === null) return null;
      const semantic = await this.semanticLookup(keyed, context, now);
      if (semantic) return semantic;
      await this.entries.countMiss();
      return null;
    } catch (error) {
      this.logger.warn(`cache lookup failed, treating as a miss: ${describe(error)}`);
      return null;
    }
  }

  async store(request: ChatCompletionRequest, context: CacheContext, answer: AnswerToStore): Promise<void> {
    if (!this.settings.enabled || context.controls.noStore || !cacheable(answer.completion)) return;
    try {
      const keyed: KeyedRequest = {
        request,
        ...(context.routeKey !== undefined ? { routeKey: context.routeKey } : {}),
        ...(answer.fallbackCount > 0 ? { model: answer.model } : {}),
      };
      const now = this.now();
      const ttlMs = Math.min(context.controls.ttlSeconds ?? this.settings.defaultTtlSeconds, this.settings.maxTtlSeconds) * 1000;
      // A fallback's answer is stored under the model that answered: a key of its own.
      const key = (answer.fallbackCount === 0 ? this.lookedUpKeys.get(request) : undefined) ?? exactCacheKey(keyed);
      const stored = { completion: answer.completion, provider: answer.provider, model: answer.model, costNanoUsd: Math.max(0, Math.trunc(answer.costNanoUsd)) };
      await this.entries.set({ tenant: context.scope.tenant, key }, { answer: stored, prompt: promptSummaryOf(request) }, ttlMs, now);
      const probe = this.semantic && !hasToolCalls(answer.completion) ? this.semantic.probeOf(keyed) : null;
      if (this.semantic && probe) await this.semantic.remember(probe, context.scope, key, now + ttlMs, context.signal);
    } catch (error) {
      this.logger.warn(`cache store failed: ${describe(error)}`);
    }
  }

  private async semanticLookup(keyed: KeyedRequest, context: CacheContext, now: number): Promise<CacheHit | null> {
    const probe = this.semantic?.probeOf(keyed);
    if (!this.semantic || !probe) return null;
    const threshold = this.semantic.thresholdFor(context.controls.similarityThreshold);
    const candidates = await this.semantic.find(probe, context.scope, threshold, now, context.signal);
    for (const candidate of candidates) {
      // The answer is read under the caller's own tenant: a vector can only point inside it.
      const found = await this.entries.get({ tenant: context.scope.tenant, key: candidate.key }, now, 'semantic');
      if (found) return hit('semantic', found.answer, found.createdAt, now, candidate.similarity);
      this.semantic.forget(context.scope, probe.partition, candidate.key);
    }
    return null;
  }
}

function hit(
  result: 'exact' | 'semantic',
  answer: { completion: ChatCompletion; provider: string; model: string; costNanoUsd: NanoUsd },
  cachedAt: number,
  now: number,
  similarity?: number,
): CacheHit {
  return {
    result,
    ...(similarity !== undefined ? { similarity } : {}),
    completion: { ...answer.completion, id: `chatcmpl-${randomUUID().replace(/-/g, '')}`, created: Math.floor(now / 1000) },
    provider: answer.provider,
    model: answer.model,
    savedCostNanoUsd: answer.costNanoUsd,
    cachedAt,
  };
}

/** Only complete answers are cached: a filtered or empty answer is not worth repeating. */
function cacheable(completion: ChatCompletion): boolean {
  return completion.choices.length > 0 && completion.choices.every((choice) => choice.finish_reason !== 'content_filter');
}

function hasToolCalls(completion: ChatCompletion): boolean {
  return completion.choices.some((choice) => (choice.message.tool_calls?.length ?? 0) > 0);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
