import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig, ProvidersFile } from '@llmgw/config';
import type { ProviderAdapter } from './provider-adapter';
import { createProviderAdapters } from './provider-adapters.factory';
import { PROVIDER_ADAPTERS } from './provider-adapters.token';
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
            createProviderAdapters({
              MOCK_PROVIDER_ENABLED: config.get('MOCK_PROVIDER_ENABLED', { infer: true }),
              MOCK_PROVIDER_LATENCY_MS: config.get('MOCK_PROVIDER_LATENCY_MS', { infer: true }),
              OPENAI_API_KEY: config.get('OPENAI_API_KEY', { infer: true }),
              OPENAI_BASE_URL: config.get('OPENAI_BASE_URL', { infer: true }),
              OPENAI_ORGANIZATION: config.get('OPENAI_ORGANIZATION', { infer: true }),
            }),
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
        ProviderRegistry,
      ],
      exports: [PROVIDER_ADAPTERS, ModelRegistry, ProviderRegistry],
    };
  }
}
