// Metrics
export { GatewayMetrics } from './metrics/gateway.metrics';
export type { RequestObservation, SeedModel } from './metrics/gateway.metrics';
export { GATEWAY_METRIC_NAMES, GATEWAY_METRIC_DEFINITIONS, gatewayMetricProviders } from './metrics/gateway-metric.definitions';
export { createGatewayMetrics } from './metrics/gateway-metrics.factory';
export { CACHE_RESULTS, RATE_LIMIT_SCOPES, GUARDRAIL_CATEGORIES, GUARDRAIL_ACTIONS, BREAKER_STATE_VALUE } from './metrics/metric-labels';
export type { CacheResult, RateLimitScope, BreakerState } from './metrics/metric-labels';
export { WorkerMetrics, WORKER_METRICS_OPTIONS } from './metrics/worker.metrics';
export type { WorkerMetricsOptions } from './metrics/worker.metrics';
export { WORKER_METRIC_NAMES, BUDGET_SCOPE_TYPES } from './metrics/worker-metric.names';
export type { BudgetScopeType } from './metrics/worker-metric.names';
export { bullmqQueueProbe } from './metrics/queue-probe';
export { startWorkerQueueMetrics } from './metrics/worker-queue-metrics';
export type { WorkerQueueMetricsOptions } from './metrics/worker-queue-metrics';
export type { QueueProbe, QueueSnapshot, ProbedQueue } from './metrics/queue-probe';
export { MetricsModule } from './metrics/metrics.module';
export type { MetricsModuleOptions } from './metrics/metrics.module';
// Health
export { HealthModule } from './health/health.module';
export type { HealthModuleOptions } from './health/health.module';
export type { ReadinessIndicator } from './health/readiness-indicator';
// Logging
export { createAppLogger } from './logging/app-logger';
export type { AppLoggerOptions } from './logging/app-logger';
export { PinoLoggerService } from './logging/pino-logger.service';
export type { LogMasker } from './logging/log-masker';
export { installRequestLogging } from './logging/request-logging';
export { currentRequestContext, runWithRequestContext } from './logging/request-context';
export type { RequestContext } from './logging/request-context';
export { runApp } from './logging/run-app';
// HTTP
export { installReadRefusedBodies } from './http/read-refused-bodies';
// Lifecycle
export { GracefulDrain } from './lifecycle/graceful-drain';
export { exitOnSignals } from './lifecycle/exit-on-signals';
export type { ExitOnSignalsOptions } from './lifecycle/exit-on-signals';
// Tracing
export { setupTracing } from './tracing/tracing.setup';
export type { TracingHandle, TracingOptions } from './tracing/tracing.setup';
export { withSpan } from './tracing/with-span';
export type { SpanHandle, SpanOptions } from './tracing/with-span';
export { tracingEnabled } from './tracing/tracing-state';
// App bootstrap
export { startAppObservability } from './app-observability';
export type { AppObservability, ObservabilityConfig } from './app-observability';
// Errors
export { OpenAiExceptionFilter } from './errors/openai-exception.filter';
