import { type DynamicModule, Logger, Module, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type GatewayConfig, type ProvidersFile, ProvidersFileSource } from '@llmgw/config';
import { controlChannelProvider, type ControlTransport } from '@llmgw/control-bus';
import { bindModelRegistry, ProvidersFileWatch } from './file/providers-file.binding';
import { PROVIDERS_FILE_RELOAD_CHANNEL, ProvidersConfigReloader, ProvidersFileReloadBus } from './file/providers-config.reloader';
import { AlertWebhookSink } from './health/alert-webhook.sink';
import { ProviderAvailability } from './health/provider-availability';
import { ProviderHealthMonitor } from './health/provider-health.monitor';
import { ProviderHealthService } from './health/provider-health.service';
import { prometheusTrafficSource } from './health/provider-traffic';
import { ProviderKeyRings } from './keys/provider-key-rings';
import { ProvidersOpsMetrics } from './ops/providers-ops.metrics';
import type { ProviderAdapter } from './provider-adapter';
import { createProviderAdapters, PROVIDER_SETTING_KEYS, type ProviderSettings } from './provider-adapters.factory';
import { PROVIDER_ADAPTERS, PROVIDER_DEFAULT_MODELS, PROVIDERS_FILE_SOURCE } from './provider-adapters.token';
import { ProviderTester } from './probe/provider-tester';
import { defaultModelsOf } from './registry/default-models';
import { ProviderRegistry } from './provider-registry';
import { ModelRegistry } from './registry/model-registry';
import { MODELS } from './registry/models.data';

type Config = ConfigService<GatewayConfig, true>;

export interface ProvidersModuleOptions {
  /** The `LLM_GATEWAY_CONFIG` file: a source (reloadable: watched, and reloaded on demand) or a fixed, validated file. */
  providersFile?: ProvidersFile | ProvidersFileSource;
  /** Carries "reload the providers file" to every replica; omitted: `reloadEverywhere` reaches this process only. */
  controlTransport?: ControlTransport;
  /** `false`: no periodic checks (every provider stays available). `alertWebhook: false`: alerts only in metrics and the list. */
  healthMonitor?: false | { alertWebhook?: boolean };
}

/**
 * Global: the adapters switched on by `ConfigService<GatewayConfig, true>` (expects
 * `AppConfigModule.forRoot`), the model registry narrowed to them and kept in step with the
 * providers file, `ProviderRegistry`, the health monitor, key rotation and provider test calls.
 */
@Module({})
export class ProvidersModule {
  static forRoot(options: ProvidersModuleOptions = {}): DynamicModule {
    const given = options.providersFile;
    const source = given instanceof ProvidersFileSource ? given : ProvidersFileSource.fixed(given ?? new ProvidersFileSource(undefined).current());
    const monitor = options.healthMonitor ?? {};
    const bus: Provider[] = options.controlTransport ? [controlChannelProvider(ProvidersFileReloadBus, PROVIDERS_FILE_RELOAD_CHANNEL, options.controlTransport)] : [];
    return {
      module: ProvidersModule,
      global: true,
      providers: [
        { provide: PROVIDERS_FILE_SOURCE, useValue: source },
        { provide: ProvidersOpsMetrics, useFactory: () => new ProvidersOpsMetrics() },
        { provide: ProviderKeyRings, inject: [ProvidersOpsMetrics], useFactory: (metrics: ProvidersOpsMetrics) => new ProviderKeyRings(metrics) },
        {
          provide: PROVIDER_ADAPTERS,
          inject: [ConfigService, ProviderKeyRings, ProvidersOpsMetrics],
          useFactory: (config: Config, keys: ProviderKeyRings, metrics: ProvidersOpsMetrics): ProviderAdapter[] => {
            const logger = new Logger('ProviderKeys');
            const cooldownSeconds = config.get('PROVIDER_KEY_COOLDOWN_SECONDS', { infer: true });
            const adapters = createProviderAdapters(
              Object.fromEntries(PROVIDER_SETTING_KEYS.map((key) => [key, config.get(key, { infer: true })])) as ProviderSettings,
              {
                keyRings: keys.rings,
                keyCooldownMs: cooldownSeconds * 1000,
                onKeyRejected: (provider, label, error) => {
                  metrics.keyRejections.inc({ provider, key: label });
                  keys.refreshMetrics();
                  logger.warn(`${provider} rejected key ${label} (${error.type}, status ${error.upstreamStatus ?? '-'}): out of rotation for ${cooldownSeconds} s`);
                },
              },
            );
            keys.refreshMetrics();
            return adapters;
          },
        },
        {
          provide: ModelRegistry,
          inject: [PROVIDER_ADAPTERS, PROVIDERS_FILE_SOURCE],
          useFactory: (adapters: ProviderAdapter[], file: ProvidersFileSource) => bindModelRegistry(file, MODELS, adapters.map((adapter) => adapter.id)),
        },
        { provide: ProvidersFileWatch, inject: [PROVIDERS_FILE_SOURCE], useFactory: (file: ProvidersFileSource) => new ProvidersFileWatch(file) },
        ...bus,
        {
          provide: ProvidersConfigReloader,
          inject: [PROVIDERS_FILE_SOURCE, ProvidersOpsMetrics, { token: ProvidersFileReloadBus, optional: true }],
          useFactory: (file: ProvidersFileSource, metrics: ProvidersOpsMetrics, reloadBus: ProvidersFileReloadBus | undefined) => {
            file.onReload((result) => metrics.fileReloads.inc({ result: result.status }));
            return new ProvidersConfigReloader(file, reloadBus ?? null);
          },
        },
        {
          provide: PROVIDER_DEFAULT_MODELS,
          inject: [ConfigService],
          useFactory: (config: Config) => defaultModelsOf((key) => config.get(key, { infer: true })),
        },
        {
          provide: ProviderHealthService,
          inject: [PROVIDER_ADAPTERS],
          useFactory: (adapters: ProviderAdapter[]) => new ProviderHealthService(adapters),
        },
        {
          provide: ProviderHealthMonitor,
          inject: [PROVIDER_ADAPTERS, ProviderHealthService, ConfigService, ProvidersOpsMetrics, ProviderKeyRings],
          useFactory: (adapters: ProviderAdapter[], checks: ProviderHealthService, config: Config, metrics: ProvidersOpsMetrics, keys: ProviderKeyRings) => {
            const webhook = config.get('ALERT_WEBHOOK_URL', { infer: true });
            const sinks =
              monitor && monitor.alertWebhook !== false && webhook
                ? [new AlertWebhookSink({ url: webhook, timeoutMs: config.get('ALERT_WEBHOOK_TIMEOUT_MS', { infer: true }), attempts: config.get('ALERT_WEBHOOK_ATTEMPTS', { infer: true }) })]
                : [];
            return new ProviderHealthMonitor(
              adapters,
              checks,
              prometheusTrafficSource(),
              {
                intervalMs: monitor ? config.get('HEALTH_CHECK_INTERVAL_SECONDS', { infer: true }) * 1000 : 0,
                checkTimeoutMs: config.get('HEALTH_CHECK_TIMEOUT_MS', { infer: true }),
                windowMs: config.get('HEALTH_WINDOW_SECONDS', { infer: true }) * 1000,
                downAfterFailures: config.get('HEALTH_DOWN_AFTER_FAILURES', { infer: true }),
                upAfterSuccesses: config.get('HEALTH_UP_AFTER_SUCCESSES', { infer: true }),
                degradedErrorRate: config.get('HEALTH_DEGRADED_ERROR_RATE', { infer: true }),
                degradedLatencyMs: config.get('HEALTH_DEGRADED_LATENCY_MS', { infer: true }),
                costAlertNanoUsdPerHour: config.get('PROVIDER_COST_ALERT_USD_PER_HOUR', { infer: true }),
                afterRound: () => keys.refreshMetrics(),
              },
              sinks,
              metrics,
            );
          },
        },
        { provide: ProviderAvailability, useExisting: ProviderHealthMonitor },
        ProviderRegistry,
        ProviderTester,
      ],
      exports: [
        PROVIDER_ADAPTERS,
        ModelRegistry,
        ProviderRegistry,
        ProviderHealthService,
        ProviderHealthMonitor,
        ProviderAvailability,
        ProviderKeyRings,
        ProvidersConfigReloader,
        ProviderTester,
      ],
    };
  }
}
