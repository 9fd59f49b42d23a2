import { makeCounterProvider, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';

// One family, `llm_gateway_*`. Labels stay bounded: provider, model, status, token type, cache
// result, limit scope, guardrail category/action, error type; never a key, team or request id.
export const GATEWAY_METRIC_NAMES = {
  requests: 'llm_gateway_requests_total',
  duration: 'llm_gateway_request_duration_seconds',
  ttft: 'llm_gateway_time_to_first_token_seconds',
  tokens: 'llm_gateway_tokens_total',
  cost: 'llm_gateway_cost_usd_total',
  errors: 'llm_gateway_errors_total',
  cacheRequests: 'llm_gateway_cache_requests_total',
  cacheSaved: 'llm_gateway_cache_saved_usd_total',
  breakerState: 'llm_gateway_circuit_breaker_state',
  fallbacks: 'llm_gateway_fallbacks_total',
  rateLimited: 'llm_gateway_rate_limited_total',
  guardrailActions: 'llm_gateway_guardrail_actions_total',
} as const;

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const TTFT_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];

type Definition = { name: string; help: string; labelNames: string[]; buckets?: number[] };
const def = (kind: 'counter' | 'gauge' | 'histogram', definition: Definition) => ({ kind, ...definition });
const N = GATEWAY_METRIC_NAMES;

/** In constructor order of `GatewayMetrics`. */
export const GATEWAY_METRIC_DEFINITIONS = [
  def('counter', { name: N.requests, help: 'Gateway requests by provider, model and outcome (success or error type)', labelNames: ['provider', 'model', 'status', 'stream'] }),
  def('histogram', { name: N.duration, help: 'Gateway request latency in seconds, end to end', labelNames: ['provider', 'model', 'stream'], buckets: LATENCY_BUCKETS }),
  def('histogram', { name: N.ttft, help: 'Time from request to the first streamed token, in seconds', labelNames: ['provider', 'model'], buckets: TTFT_BUCKETS }),
  def('counter', { name: N.tokens, help: 'Tokens metered by provider, model and type (prompt, completion)', labelNames: ['provider', 'model', 'type'] }),
  def('counter', { name: N.cost, help: 'Cost metered in US dollars', labelNames: ['provider', 'model'] }),
  def('counter', { name: N.errors, help: 'Failed requests by error type of the taxonomy', labelNames: ['type'] }),
  def('counter', { name: N.cacheRequests, help: 'Cache lookups by result (hit, semantic_hit, miss)', labelNames: ['result'] }),
  def('counter', { name: N.cacheSaved, help: 'US dollars not spent upstream thanks to cache hits', labelNames: ['result'] }),
  def('gauge', { name: N.breakerState, help: 'Circuit breaker state per provider and model: 0 closed, 1 half-open, 2 open', labelNames: ['provider', 'model'] }),
  def('counter', { name: N.fallbacks, help: 'Times a candidate failed and the request fell over to the next one, by the failed candidate', labelNames: ['provider', 'model'] }),
  def('counter', { name: N.rateLimited, help: 'Requests refused by a rate limit, by the scope of the limit', labelNames: ['scope'] }),
  def('counter', { name: N.guardrailActions, help: 'Guardrail actions taken, by rule category and action', labelNames: ['category', 'action'] }),
];

/** Registered by whichever module provides `GatewayMetrics` (the routing module spreads these). */
export const gatewayMetricProviders = GATEWAY_METRIC_DEFINITIONS.map(({ kind, ...definition }) =>
  kind === 'counter' ? makeCounterProvider(definition) : kind === 'gauge' ? makeGaugeProvider(definition) : makeHistogramProvider(definition),
);
