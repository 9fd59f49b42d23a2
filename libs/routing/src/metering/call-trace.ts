import { GatewayError, type CallerContext } from '@llmgw/contracts';
import type { ModelEntry } from '@llmgw/providers';

export interface TracedUsage {
  prompt_tokens: number;
  completion_tokens: number;
  source: 'provider' | 'estimated';
}

/** What one request did, gathered along the path and metered once at the end. */
export class CallTrace {
  model: string;
  provider: string | null = null;
  modelEntry: ModelEntry | null = null;
  usage: TracedUsage | null = null;
  error: GatewayError | null = null;
  firstTokenAtMs: number | null = null;
  fallbackCount = 0;
  /** Candidates that failed (or were refused by their breaker) before the one that answered. */
  fallenFrom: Array<{ provider: string; model: string }> = [];
  taskType: string | null = null;
  cacheResult: 'none' | 'exact' | 'semantic' = 'none';
  savedCostNanoUsd = 0;
  /** What the guardrails did, e.g. `pii.email:redact` (bounded vocabulary). */
  guardrailActions: string[] = [];

  constructor(
    readonly caller: CallerContext,
    readonly endpoint: string,
    readonly stream: boolean,
    readonly startedAtMs: number,
    requestedModel: unknown,
  ) {
    this.model = typeof requestedModel === 'string' && requestedModel.length > 0 ? requestedModel.slice(0, 200) : 'unknown';
  }

  target(provider: string, model: ModelEntry): void {
    this.provider = provider;
    this.modelEntry = model;
    this.model = model.id;
  }

  fail(error: unknown): GatewayError {
    this.error = toGatewayError(error);
    return this.error;
  }
}

export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError('internal_error', 'The gateway failed to handle the request', { cause: error });
}
