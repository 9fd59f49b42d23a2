import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig, ProvidersFile } from '@llmgw/config';
import { ProviderHealthService } from './health/provider-health.service';
import type { ProviderAdapter } from './provider-adapter';
import { createProviderAdapters, PROVIDER_SETTING_KEYS, type ProviderSettings } from './provider-adapters.factory';
import { PROVIDER_ADAPTERS, PROVIDER_DEFAULT_MODELS } from './provider-adapters.token';
import { defaultModelsOf } from './registry/default-models';
import { ProviderRegistry } from './provider-registry';
import { applyProvidersFile } from './registry/apply-providers-file';
import { ModelRegistry } from './registry/model-registry';
import { MODELS } from './registry/models.data';

/**
 * Global: the adapters switched on by `ConfigService<GatewayConfig, true>` (expects
 * `AppConfigModule.forRoot`), the model registry narrowed to them, and `ProviderRegistry`.
 */
@Module({})
export class ProvidersModule {
  /** `providersFile`: the validated `LLM_GATEWAY_CONFIG` file, loaded before Nest starts. */
  static forRoot(options: { providersFile?: ProvidersFile } = {}): DynamicModule {
    const catalogue = options.providersFile ? applyProvidersFile(MODELS, options.providersFile) : MODELS;
    return {
      module: ProvidersModule,
      global: true,
      providers: [
        {
          provide: PROVIDER_ADAPTERS,
          inject: [ConfigService],
          useFactory: (config: ConfigService<GatewayConfig, true>): ProviderAdapter[] =>
            createProviderAdapters(
              Object.fromEntries(PROVIDER_SETTING_KEYS.map((key) => [key, config.get(key, { infer: true })])) as ProviderSettings,
            ),
        },
        {
          provide: ModelRegistry,
          inject: [PROVIDER_ADAPTERS],
          useFactory: (adapters: ProviderAdapter[]) =>
            new ModelRegistry(
              catalogue,
              adapters.map((adapter) => adapter.id),
            ),
        },
        {
          provide: PROVIDER_DEFAULT_MODELS,
          inject: [ConfigService],
          useFactory: (config: ConfigService<GatewayConfig, true>) => defaultModelsOf((key) => config.get(key, { infer: true })),
        },
        ProviderRegistry,
        {
          provide: ProviderHealthService,
          inject: [PROVIDER_ADAPTERS],
          useFactory: (adapters: ProviderAdapter[]) => new ProviderHealthService(adapters),
        },
      ],
      exports: [PROVIDER_ADAPTERS, ModelRegistry, ProviderRegistry, ProviderHealthService],
    };
  }
}
