import { randomUUID } from 'node:crypto';
import type { UsageEvent } from '@llmgw/contracts';

/** A valid usage event with a unique request id; tests override what they assert on. */
export function usageEventFixture(overrides: Partial<UsageEvent> = {}): UsageEvent {
  return {
    requestId: `req-${randomUUID()}`,
    occurredAt: new Date().toISOString(),
    apiKeyId: randomUUID(),
    teamId: null,
    endpoint: '/v1/chat/completions',
    provider: 'mock',
    model: 'mock-1',
    status: 'success',
    httpStatus: 200,
    errorType: null,
    promptTokens: 12,
    completionTokens: 34,
    costNanoUsd: 1_234,
    usageSource: 'provider',
    stream: false,
    latencyMs: 56,
    timeToFirstTokenMs: null,
    cacheResult: 'none',
    savedCostNanoUsd: 0,
    fallbackCount: 0,
    taskType: null,
    guardrailActions: [],
    ...overrides,
  };
}
