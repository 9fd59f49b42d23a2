import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import type { Counter, Histogram } from 'prom-client';

// Labels stay bounded: provider, model, status and token type, never a key or request id.
export const GATEWAY_METRIC_NAMES = {
  requests: 'llm_gateway_requests_total',
  duration: 'llm_gateway_request_duration_seconds',
  tokens: 'llm_gateway_tokens_total',
  cost: 'llm_gateway_cost_usd_total',
} as const;

export const gatewayMetricProviders = [
  makeCounterProvider({ name: GATEWAY_METRIC_NAMES.requests, help: 'Gateway requests by provider, model and outcome', labelNames: ['provider', 'model', 'status', 'stream'] }),
  makeHistogramProvider({
    name: GATEWAY_METRIC_NAMES.duration,
    help: 'Gateway request latency in seconds, end to end',
    labelNames: ['provider', 'model', 'stream'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  }),
  makeCounterProvider({ name: GATEWAY_METRIC_NAMES.tokens, help: 'Tokens metered by provider, model and type', labelNames: ['provider', 'model', 'type'] }),
  makeCounterProvider({ name: GATEWAY_METRIC_NAMES.cost, help: 'Cost metered in US dollars', labelNames: ['provider', 'model'] }),
];

export interface RequestObservation {
  provider: string | null;
  model: string;
  status: string;
  stream: boolean;
  durationMs: number;
  promptTokens: number;
  completionTokens: number;
  costNanoUsd: number;
}

@Injectable()
export class GatewayMetrics {
  constructor(
    @InjectMetric(GATEWAY_METRIC_NAMES.requests) private readonly requests: Counter<string>,
    @InjectMetric(GATEWAY_METRIC_NAMES.duration) private readonly duration: Histogram<string>,
    @InjectMetric(GATEWAY_METRIC_NAMES.tokens) private readonly tokens: Counter<string>,
    @InjectMetric(GATEWAY_METRIC_NAMES.cost) private readonly cost: Counter<string>,
  ) {}

  observe(observation: RequestObservation): void {
    const provider = observation.provider ?? 'none';
    const { model } = observation;
    const stream = String(observation.stream);
    this.requests.inc({ provider, model, status: observation.status, stream });
    this.duration.observe({ provider, model, stream }, observation.durationMs / 1000);
    if (observation.promptTokens > 0) this.tokens.inc({ provider, model, type: 'prompt' }, observation.promptTokens);
    if (observation.completionTokens > 0) this.tokens.inc({ provider, model, type: 'completion' }, observation.completionTokens);
    // Prometheus counters are floats: fine for dashboards; Postgres holds the exact money.
    if (observation.costNanoUsd > 0) this.cost.inc({ provider, model }, observation.costNanoUsd / 1e9);
  }
}
