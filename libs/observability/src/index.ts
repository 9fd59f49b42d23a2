export { GatewayMetrics, GATEWAY_METRIC_NAMES, gatewayMetricProviders } from './metrics/gateway.metrics';
export type { RequestObservation } from './metrics/gateway.metrics';
export { MetricsModule } from './metrics/metrics.module';
export type { MetricsModuleOptions } from './metrics/metrics.module';
export { HealthModule } from './health/health.module';
export type { HealthModuleOptions } from './health/health.module';
export { createAppLogger } from './logging/app-logger';
export { runApp } from './logging/run-app';
export { OpenAiExceptionFilter } from './errors/openai-exception.filter';
