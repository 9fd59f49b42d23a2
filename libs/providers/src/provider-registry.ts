import { Inject, Injectable, type OnModuleDestroy, Optional } from '@nestjs/common';
import { GatewayError } from '@llmgw/contracts';
import type { ProviderAdapter } from './provider-adapter';
import { ProviderAvailability } from './health/provider-availability';
import { PROVIDER_ADAPTERS, PROVIDER_DEFAULT_MODELS } from './provider-adapters.token';
import type { ModelEntry } from './registry/model-entry';
import { ModelRegistry } from './registry/model-registry';

export interface ResolvedModel {
  adapter: ProviderAdapter;
  model: ModelEntry;
}

/** Which adapter serves which public model id, over the adapters that are switched on. */
@Injectable()
export class ProviderRegistry implements OnModuleDestroy {
  private readonly byId: ReadonlyMap<string, ProviderAdapter>;

  constructor(
    @Inject(PROVIDER_ADAPTERS) adapters: ProviderAdapter[],
    private readonly models: ModelRegistry,
    /** A provider's id used as a model means its default model (`"model": "anthropic"`). */
    @Optional() @Inject(PROVIDER_DEFAULT_MODELS) private readonly defaults: Readonly<Record<string, string>> = {},
    /** The health monitor: providers it took out are left out of `listModels()`. */
    @Optional() @Inject(ProviderAvailability) private readonly availability: ProviderAvailability | null = null,
  ) {
    this.byId = new Map(adapters.map((adapter) => [adapter.id, adapter]));
  }

  resolve(requested: string): ResolvedModel {
    const modelId = this.byId.has(requested) ? (this.defaults[requested] ?? requested) : requested;
    const model = this.models.get(modelId);
    const adapter = model && this.byId.get(model.provider);
    if (!model || !adapter) {
      throw new GatewayError('invalid_request_error', `The model '${requested.length > 100 ? `${requested.slice(0, 100)}...` : requested}' does not exist or is not available`, {
        param: 'model',
        code: 'model_not_found',
      });
    }
    return { adapter, model };
  }

  /**
   * The models routing may choose from: enabled and not taken out by the health monitor. An
   * explicitly asked model still resolves (`resolve`) while its provider is out: fallbacks and
   * circuit breakers deal with it; callers that build fallback lists should ask `isAvailable`.
   */
  listModels(): ModelEntry[] {
    return this.catalogue().filter((model) => this.isAvailable(model.provider));
  }

  /** Every model of an enabled provider, available now or not (the model list clients see). */
  catalogue(): ModelEntry[] {
    return this.models.list().filter((model) => this.byId.has(model.provider));
  }

  /** False while the health monitor has the provider out of routing. */
  isAvailable(providerId: string): boolean {
    return this.availability?.isAvailable(providerId) ?? true;
  }

  adapter(providerId: string): ProviderAdapter | undefined {
    return this.byId.get(providerId);
  }

  adapters(): ProviderAdapter[] {
    return [...this.byId.values()];
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.adapters().map((adapter) => adapter.close()));
  }
}
