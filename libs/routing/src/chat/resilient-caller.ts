import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig } from '@llmgw/config';
import { withSpan } from '@llmgw/observability';
import { GatewayError } from '@llmgw/contracts';
import type { ResolvedModel } from '@llmgw/providers';
import { CIRCUIT_BREAKER_STORE } from '../resilience/circuit-breaker.provider';
import type { CircuitBreakerStore } from '../resilience/circuit-breaker.store';
import { executeWithFallbacks } from '../resilience/fallback-executor';
import { RetryPolicy } from '../resilience/retry-policy';
import { LiveModelMetrics } from '../live/live-model-metrics';
import type { RoutePlan } from './route-planner';

export interface ResilientResult<T> {
  result: T;
  target: ResolvedModel;
  fallbackCount: number;
}

/** Runs a call over a plan's candidates: breaker, per-attempt timeout, retries, fallbacks. */
@Injectable()
export class ResilientCaller {
  private readonly logger = new Logger('ResilientCaller');
  private readonly retryPolicy: RetryPolicy;
  private readonly deadlineMs: number;
  private readonly attemptTimeoutMs: number;

  constructor(
    @Inject(CIRCUIT_BREAKER_STORE) private readonly breaker: CircuitBreakerStore,
    private readonly live: LiveModelMetrics,
    config: ConfigService<GatewayConfig, true>,
  ) {
    this.retryPolicy = new RetryPolicy({ maxRetries: config.get('MAX_RETRIES', { infer: true }) });
    this.deadlineMs = config.get('REQUEST_DEADLINE_MS', { infer: true });
    this.attemptTimeoutMs = config.get('UPSTREAM_TIMEOUT_MS', { infer: true });
  }

  async run<T>(plan: RoutePlan, call: (target: ResolvedModel, signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<ResilientResult<T>> {
    let lastError: unknown = null;
    try {
      const outcome = await executeWithFallbacks(
        plan.candidates.map((target) => ({
          key: `${target.adapter.id}:${target.model.id}`,
          call: async (attemptSignal: AbortSignal) => {
            const startedAt = performance.now();
            const liveKey = `${target.adapter.id}/${target.model.id}`;
            try {
              const attributes = { 'llmgw.provider': target.adapter.id, 'llmgw.model': target.model.id };
              const result = await withSpan('upstream.attempt', { kind: 'client', attributes }, () => call(target, attemptSignal));
              this.live.record(liveKey, { ok: true, latencyMs: performance.now() - startedAt });
              return result;
            } catch (error) {
              lastError = error;
              if (isProviderFault(error) && !signal.aborted) this.live.record(liveKey, { ok: false, latencyMs: performance.now() - startedAt });
              throw error;
            }
          },
        })),
        {
          maxFallbacks: plan.candidates.length - 1,
          retryPolicy: this.retryPolicy,
          breaker: this.breaker,
          deadlineMs: this.deadlineMs,
          perAttemptTimeoutMs: Math.max(...plan.candidates.map((target) => target.model.timeoutMs ?? this.attemptTimeoutMs)),
          signal,
          onBreakerError: (error) => this.logger.warn(`circuit breaker store unavailable, failing open: ${error instanceof Error ? error.message : error}`),
        },
      );
      return { result: outcome.result, target: plan.candidates[outcome.candidateIndex]!, fallbackCount: outcome.fallbackCount };
    } catch (error) {
      // With one candidate the provider's own error says more than "all providers failed".
      if (plan.candidates.length === 1 && lastError instanceof GatewayError && error instanceof GatewayError && error.type === 'service_unavailable') {
        throw lastError;
      }
      throw error;
    }
  }
}

/** Failures that say something about the provider (not the caller's request, not a hang-up). */
function isProviderFault(error: unknown): boolean {
  if (!(error instanceof GatewayError)) return true;
  return error.code !== 'request_cancelled' && (error.status >= 500 || error.type === 'rate_limit_error');
}
