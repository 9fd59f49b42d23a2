import type { FastifyRequest } from 'fastify';

/** `x-llmgw-task-type` and `x-llmgw-strategy`: how a caller steers routing. */
export function routeHintsOf(request: FastifyRequest): { taskType?: string; strategy?: string } {
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' && value.length > 0 ? value.slice(0, 64) : undefined;
  };
  return { taskType: header('x-llmgw-task-type'), strategy: header('x-llmgw-strategy') };
}

/** Response headers that say where a request went and why. */
export function routeHeaders(route: { provider: string; model: string; fallbackCount?: number; routeReason?: string }): Record<string, string> {
  return {
    'x-llmgw-provider': route.provider,
    'x-llmgw-model': route.model,
    'x-llmgw-fallback-count': String(route.fallbackCount ?? 0),
    // Header values must be visible ASCII: the reason is for people, so squeeze it into that.
    'x-llmgw-route-reason': (route.routeReason ?? '').replace(/[^\x20-\x7e]/g, ' ').slice(0, 300),
  };
}

/** Route headers plus what the cache and the output guard did. */
export function answerHeaders(answer: Parameters<typeof routeHeaders>[0] & { cache?: string; sqlFindings?: readonly string[] }): Record<string, string> {
  return {
    ...routeHeaders(answer),
    ...(answer.cache ? { 'x-llmgw-cache': answer.cache } : {}),
    ...(answer.sqlFindings && answer.sqlFindings.length > 0 ? { 'x-llmgw-guardrail-sql': answer.sqlFindings.join(', ') } : {}),
  };
}
