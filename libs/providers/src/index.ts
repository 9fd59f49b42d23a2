export { ProvidersModule } from './providers.module';
export { ProviderRegistry } from './provider-registry';
export type { ResolvedModel } from './provider-registry';
export { PROVIDER_ADAPTERS } from './provider-adapters.token';
export { createProviderAdapters } from './provider-adapters.factory';
export type { ProviderSettings } from './provider-adapters.factory';
export type {
  ProviderAdapter,
  ProviderCallContext,
  ProviderChatResult,
  ProviderStream,
  StreamUsage,
  UsageSource,
} from './provider-adapter';
export { ModelRegistry } from './registry/model-registry';
export { MODELS } from './registry/models.data';
export type { ModelCapabilities, ModelEntry } from './registry/model-entry';
export { countPromptTokens, countCompletionTokens, countTextTokens } from './token-counter';
export { MockAdapter } from './mock/mock.adapter';
export { OpenAiAdapter } from './openai/openai.adapter';
export type { OpenAiAdapterOptions } from './openai/openai.adapter';
