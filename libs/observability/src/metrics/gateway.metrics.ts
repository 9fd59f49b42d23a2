import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { GATEWAY_METRIC_NAMES } from './gateway-metric.definitions';
import {
  BREAKER_STATE_VALUE,
  type BreakerState,
  CACHE_RESULTS,
  ERROR_TYPE_NAMES,
  GUARDRAIL_ACTIONS,
  GUARDRAIL_CATEGORIES,
  guardrailLabels,
  normaliseCacheResult,
  RATE_LIMIT_SCOPES,
  type RateLimitScope,
} from './metric-labels';

export interface RequestObservation {
  provider: string | null;
  model: string;
  /** `success` or the error type of the taxonomy. */
  status: string;
  stream: boolean;
  durationMs: number;
  /** Streams only: when the first token reached the caller, relative to the request start. */
  timeToFirstTokenMs?: number | null;
  promptTokens: number;
  completionTokens: number;
  costNanoUsd: number;
  /** Candidates that failed before the answering one (each counted once as a fallback). */
  fallbacks?: ReadonlyArray<{ provider: string; model: string }>;
}

/** The model catalogue, to create every per-model series at zero on boot. */
export interface SeedModel {
  provider: string;
  id: string;
}

/** The gateway's Prometheus family. Every method is cheap and never throws on the request path. */
@Injectable()
export class GatewayMetrics {
  private readonly reportedBreakers = new Set<string>();

  constructor(
    @InjectMetric(GATEWAY_METRIC_NAMES.requests) private readonly requests: Counter<string>,
    @InjectMetric(GATEWAY_METRIC_NAMES.duration) private readonly duration: Histogram<string>,
    @InjectMetric(GATEWAY_METRIC_NAMES.ttft) private readonly ttft: Histogram<string>,
    @InjectMetric(GATEWAY_METRIC_NAMES.tokens) private readonly tokens: Counter<string>,
    @InjectMetric(GATEWAY_METRIC_NAMES.cost) private readonly cost: Counter<string>,
    @InjectMetric(GATEWAY_METRIC_NAMES.errors) private readonly errors: Counter<string>,
    @InjectMetric(GATEWAY_METRIC_NAMES.cacheRequests) private readonly cacheRequests: Counter<string>,
    @InjectMetric(GATEWAY_METRIC_NAMES.cacheSaved) private readonly cacheSaved: Counter<string>,
    @InjectMetric(GATEWAY_METRIC_NAMES.breakerState) private readonly breakerState: Gauge<string>,
    @InjectMetric(GATEWAY_METRIC_NAMES.fallbacks) private readonly fallbacks: Counter<string>,
    @InjectMetric(GATEWAY_METRIC_NAMES.rateLimited) private readonly rateLimited: Counter<string>,
    @InjectMetric(GATEWAY_METRIC_NAMES.guardrailActions) private readonly guardrailActions: Counter<string>,
  ) {
    this.seedBoundedSeries();
  }

  /** One finished request (the request meter calls this once per request). */
  observe(observation: RequestObservation): void {
    const provider = observation.provider ?? 'none';
    const { model } = observation;
    const stream = String(observation.stream);
    this.requests.inc({ provider, model, status: observation.status, stream });
    this.duration.observe({ provider, model, stream }, observation.durationMs / 1000);
    if (observation.status !== 'success') this.errors.inc({ type: observation.status });
    if (observation.timeToFirstTokenMs != null) this.observeTtft(provider, model, observation.timeToFirstTokenMs);
    if (observation.promptTokens > 0) this.tokens.inc({ provider, model, type: 'prompt' }, observation.promptTokens);
    if (observation.completionTokens > 0) this.tokens.inc({ provider, model, type: 'completion' }, observation.completionTokens);
    // Prometheus counters are floats: fine for dashboards; Postgres holds the exact money.
    if (observation.costNanoUsd > 0) this.cost.inc({ provider, model }, observation.costNanoUsd / 1e9);
    for (const failed of observation.fallbacks ?? []) this.recordFallback(failed.provider, failed.model);
  }

  observeTtft(provider: string, model: string, milliseconds: number): void {
    this.ttft.observe({ provider, model }, Math.max(0, milliseconds) / 1000);
  }

  /** A cache lookup: `hit`, `semantic_hit` (or `semantic-hit`) or `miss`; hits may report what they saved. */
  recordCache(result: string, savedCostNanoUsd = 0): void {
    const label = normaliseCacheResult(result);
    this.cacheRequests.inc({ result: label });
    if (savedCostNanoUsd > 0 && label !== 'miss') this.cacheSaved.inc({ result: label }, savedCostNanoUsd / 1e9);
  }

  setBreakerState(provider: string, model: string, state: BreakerState): void {
    this.reportedBreakers.add(`${provider}\u0000${model}`);
    this.breakerState.set({ provider, model }, BREAKER_STATE_VALUE[state]);
  }

  /** The candidate `provider`/`model` failed and the request moved on to the next one. */
  recordFallback(provider: string, model: string): void {
    this.fallbacks.inc({ provider, model });
  }

  recordRateLimited(scope: RateLimitScope): void {
    this.rateLimited.inc({ scope });
  }

  /** A guardrail action string such as `pii.email:redact` (labels keep category and action). */
  recordGuardrailAction(action: string): void {
    this.guardrailActions.inc(guardrailLabels(action));
  }

  /** Creates every per-model series at zero (breakers closed), so dashboards show the catalogue from boot. */
  seedModels(models: readonly SeedModel[]): void {
    for (const { provider, id: model } of models) {
      this.requests.inc({ provider, model, status: 'success', stream: 'false' }, 0);
      this.duration.zero({ provider, model, stream: 'false' });
      this.ttft.zero({ provider, model });
      this.tokens.inc({ provider, model, type: 'prompt' }, 0);
      this.tokens.inc({ provider, model, type: 'completion' }, 0);
      this.cost.inc({ provider, model }, 0);
      this.fallbacks.inc({ provider, model }, 0);
      // A breaker that already reported keeps its state; the rest start closed.
      if (!this.reportedBreakers.has(`${provider}\u0000${model}`)) this.breakerState.set({ provider, model }, 0);
    }
  }

  private seedBoundedSeries(): void {
    for (const type of ERROR_TYPE_NAMES) this.errors.inc({ type }, 0);
    for (const result of CACHE_RESULTS) this.cacheRequests.inc({ result }, 0);
    for (const result of CACHE_RESULTS.filter((value) => value !== 'miss')) this.cacheSaved.inc({ result }, 0);
    for (const scope of RATE_LIMIT_SCOPES) this.rateLimited.inc({ scope }, 0);
    for (const category of GUARDRAIL_CATEGORIES) {
      for (const action of GUARDRAIL_ACTIONS) this.guardrailActions.inc({ category, action }, 0);
    }
  }
}
