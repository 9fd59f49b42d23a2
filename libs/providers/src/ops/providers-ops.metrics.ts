import { Counter, Gauge, register, type Registry } from 'prom-client';

export const PROVIDERS_OPS_METRIC_NAMES = {
  health: 'llm_gateway_provider_health',
  healthScore: 'llm_gateway_provider_health_score',
  alerts: 'llm_gateway_provider_alerts_total',
  keyRejections: 'llm_gateway_provider_key_rejections_total',
  keysInRotation: 'llm_gateway_provider_keys_in_rotation',
  fileReloads: 'llm_gateway_providers_file_reloads_total',
} as const;

const N = PROVIDERS_OPS_METRIC_NAMES;

/**
 * Metrics of providers in operation. Get-or-create on the process registry: standalone mode runs
 * the gateway and the admin API (both with providers) in one process, and a second registration
 * of a name would throw. Labels: provider, a key's display prefix (bounded by the keys configured),
 * alert kind, reload result; never a key.
 */
export class ProvidersOpsMetrics {
  /** 0 healthy, 1 degraded, 2 down. */
  readonly health: Gauge<string>;
  readonly healthScore: Gauge<string>;
  readonly alerts: Counter<string>;
  readonly keyRejections: Counter<string>;
  readonly keysInRotation: Gauge<string>;
  readonly fileReloads: Counter<string>;

  constructor(registry: Registry = register) {
    const gauge = (name: string, help: string, labelNames: string[]) =>
      (registry.getSingleMetric(name) as Gauge<string> | undefined) ?? new Gauge({ name, help, labelNames, registers: [registry] });
    const counter = (name: string, help: string, labelNames: string[]) =>
      (registry.getSingleMetric(name) as Counter<string> | undefined) ?? new Counter({ name, help, labelNames, registers: [registry] });
    this.health = gauge(N.health, 'Provider health from the monitor: 0 healthy, 1 degraded, 2 down (out of routing)', ['provider']);
    this.healthScore = gauge(N.healthScore, 'Provider health score, 0 (down) to 1 (perfect), from latency, error rate and consecutive failures', ['provider']);
    this.alerts = counter(N.alerts, 'Provider alerts raised by the health monitor, by kind', ['provider', 'kind']);
    this.keyRejections = counter(N.keyRejections, 'Provider API keys rejected upstream (401/403) and taken out of rotation, by key prefix', ['provider', 'key']);
    this.keysInRotation = gauge(N.keysInRotation, 'Provider API keys currently in rotation', ['provider']);
    this.fileReloads = counter(N.fileReloads, 'Reloads of the providers/routing file by result (reloaded, unchanged, rejected)', ['result']);
  }
}
