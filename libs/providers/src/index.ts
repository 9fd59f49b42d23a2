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
export type { ModelCapabilities, ModelEntry, ModelProfile } from './registry/model-entry';
export { MODEL_PROFILES, profileOf } from './registry/model-profiles.data';
export { countPromptTokens, countCompletionTokens, countTextTokens } from './token-counter';
export { MockAdapter } from './mock/mock.adapter';
export { OpenAiAdapter } from './openai/openai.adapter';
export { AnthropicAdapter } from './anthropic/anthropic.adapter';
export type { AnthropicAdapterOptions } from './anthropic/anthropic.adapter';
export { AzureOpenAiAdapter } from './azure/azure.adapter';
export type { AzureOpenAiAdapterOptions } from './azure/azure.adapter';
export { CohereAdapter } from './cohere/cohere.adapter';
export type { CohereAdapterOptions } from './cohere/cohere.adapter';
export { DeepSeekAdapter } from './deepseek/deepseek.adapter';
export { GeminiAdapter } from './gemini/gemini.adapter';
export type { GeminiAdapterOptions } from './gemini/gemini.adapter';
export { MistralAdapter } from './mistral/mistral.adapter';
export { OllamaAdapter } from './ollama/ollama.adapter';
export { OpenRouterAdapter } from './openrouter/openrouter.adapter';
export { TogetherAdapter } from './together/together.adapter';
export { OpenAiCompatibleAdapter } from './openai-compatible/openai-compatible.adapter';
export { createOpenAiCompatibleAdapter } from './openai-compatible/openai-compatible.generic';
export { PROVIDER_SETTING_KEYS } from './provider-adapters.factory';
export type { OpenAiAdapterOptions } from './openai/openai.adapter';
export { ProviderHealthService, anyProviderUp } from './health/provider-health.service';
export { DEFAULT_PROVIDER_HEALTH_OPTIONS } from './health/provider-health';
export type { ProviderHealth, ProviderHealthOptions, ProviderHealthReport } from './health/provider-health';
