import { Injectable, Logger } from '@nestjs/common';
import { GatewayMetrics } from '@llmgw/observability';
import { computeCostNanoUsd, UsagePublisher } from '@llmgw/usage';
import { LiveModelMetrics } from '../live/live-model-metrics';
import type { CallTrace } from './call-trace';

/** Turns a finished call into one usage event and its metrics. Never throws. */
@Injectable()
export class RequestMeter {
  private readonly logger = new Logger('RequestMeter');

  constructor(
    private readonly publisher: UsagePublisher,
    private readonly metrics: GatewayMetrics,
    private readonly live: LiveModelMetrics,
  ) {}

  record(trace: CallTrace, nowMs = performance.now()): void {
    const promptTokens = trace.usage?.prompt_tokens ?? 0;
    const completionTokens = trace.usage?.completion_tokens ?? 0;
    // A cached answer costs nothing (its saving is recorded instead).
    const costNanoUsd = trace.modelEntry && trace.cacheResult === 'none' ? this.costOf(promptTokens, completionTokens, trace) : 0;
    const status = trace.error ? 'error' : 'success';
    if (!trace.error && trace.provider && trace.modelEntry && trace.cacheResult === 'none') this.live.recordCost(`${trace.provider}/${trace.model}`, costNanoUsd);
    const latencyMs = Math.max(0, Math.round(nowMs - trace.startedAtMs));
    this.publisher.publish({
      requestId: trace.caller.requestId,
      occurredAt: new Date().toISOString(),
      apiKeyId: trace.caller.apiKeyId,
      teamId: trace.caller.teamId,
      endpoint: trace.endpoint,
      provider: trace.provider,
      model: trace.model,
      status,
      httpStatus: trace.error ? trace.error.status : 200,
      errorType: trace.error?.type ?? null,
      promptTokens,
      completionTokens,
      costNanoUsd,
      usageSource: trace.usage ? trace.usage.source : 'none',
      stream: trace.stream,
      latencyMs,
      timeToFirstTokenMs: trace.firstTokenAtMs === null ? null : Math.max(0, Math.round(trace.firstTokenAtMs - trace.startedAtMs)),
      cacheResult: trace.cacheResult,
      savedCostNanoUsd: trace.savedCostNanoUsd,
      fallbackCount: trace.fallbackCount,
      taskType: trace.taskType,
      guardrailActions: trace.guardrailActions.slice(0, 32),
    });
    this.metrics.observe({
      provider: trace.provider,
      model: trace.modelEntry ? trace.model : 'unknown',
      status: trace.error ? trace.error.type : 'success',
      stream: trace.stream,
      durationMs: latencyMs,
      promptTokens,
      completionTokens,
      costNanoUsd,
      timeToFirstTokenMs: trace.firstTokenAtMs === null ? null : trace.firstTokenAtMs - trace.startedAtMs,
      fallbacks: trace.fallenFrom,
    });
  }

  private costOf(promptTokens: number, completionTokens: number, trace: CallTrace): number {
    try {
      return computeCostNanoUsd({ promptTokens, completionTokens }, trace.modelEntry!);
    } catch (error) {
      // An impossible count must not lose the event: record the tokens, flag the cost.
      this.logger.error(`cost of request ${trace.caller.requestId} not computable: ${error instanceof Error ? error.message : error}`);
      return 0;
    }
  }
}
