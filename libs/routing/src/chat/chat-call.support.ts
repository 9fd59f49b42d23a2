import { tracingEnabled, withSpan } from '@llmgw/observability';
import type { ChatCompletionRequest } from '@llmgw/contracts';
import type { ModelEntry } from '@llmgw/providers';
import { computeCostNanoUsd } from '@llmgw/usage';
import type { CallTrace } from '../metering/call-trace';

// Small pure pieces of the chat request path, kept apart so the handler reads as the pipeline.

/** One pipeline stage, as a span when tracing is on; otherwise a plain call (no wrapper promise or options per stage). */
export function stage<T>(name: string, run: () => T | Promise<T>): T | Promise<T> {
  if (!tracingEnabled()) return run();
  return withSpan(`pipeline.${name}`, { attributes: { 'llmgw.stage': name } }, async () => run());
}

export function costOf(usage: { prompt_tokens: number; completion_tokens: number } | undefined, model: ModelEntry): number {
  if (!usage) return 0;
  return computeCostNanoUsd({ promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens }, model);
}

/** What the request really used: a failure nobody pays for settles at zero. */
export function settlementOf(trace: CallTrace): { actualCostNanoUsd: number; actualTokens: number } {
  const usage = trace.usage;
  if (!usage || trace.cacheResult !== 'none' || !trace.modelEntry) return { actualCostNanoUsd: 0, actualTokens: usage ? usage.prompt_tokens + usage.completion_tokens : 0 };
  return { actualCostNanoUsd: costOf(usage, trace.modelEntry), actualTokens: usage.prompt_tokens + usage.completion_tokens };
}

/** The providers file may give a model a default `max_tokens` for requests that set none. */
export function withDefaults(request: ChatCompletionRequest, model: ModelEntry): ChatCompletionRequest {
  if (!model.defaultMaxTokens || request.max_tokens || request.max_completion_tokens) return request;
  return { ...request, max_tokens: model.defaultMaxTokens };
}

export function modelOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as { model?: unknown }).model : undefined;
}
