import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { GATEWAY_METRIC_DEFINITIONS } from './gateway-metric.definitions';
import { GatewayMetrics } from './gateway.metrics';

/**
 * `GatewayMetrics` over a registry of your own, outside Nest's container: for tests of code
 * that records metrics, and for tools. The app gets its instance through `gatewayMetricProviders`.
 */
export function createGatewayMetrics(registry: Registry): GatewayMetrics {
  const registers = [registry];
  const metrics = GATEWAY_METRIC_DEFINITIONS.map(({ kind, ...definition }) =>
    kind === 'counter'
      ? new Counter({ ...definition, registers })
      : kind === 'gauge'
        ? new Gauge({ ...definition, registers })
        : new Histogram({ ...definition, registers }),
  );
  return new (GatewayMetrics as unknown as new (...args: unknown[]) => GatewayMetrics)(...metrics);
}
