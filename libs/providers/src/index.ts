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
  ProviderEmbeddingResult,
  ProviderStream,
  StreamUsage,
  UsageSource,
  UpstreamRateLimitHeaders,
} from './provider-adapter';
export { ModelRegistry } from './registry/model-registry';
export { MODELS } from './registry/models.data';
export type { ModelCapabilities, ModelEntry, ModelProfile } from './registry/model-entry';
export { MODEL_PROFILES, profileOf } from './registry/model-profiles.data';
export { countPromptTokens, countCompletionTokens, countTextTokens, promptTokenUpperBound } from './token-counter';
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
export type { ProvidersModuleOptions } from './providers.module';
export { ProvidersConfigReloader, PROVIDERS_FILE_RELOAD_CHANNEL } from './file/providers-config.reloader';
export { KeyRing } from './keys/key-ring';
export type { ProviderKeyStatus } from './keys/key-ring';
export { KeyRotatingAdapter, isKeyRejection } from './keys/key-rotating.adapter';
export { ProviderKeyRings } from './keys/provider-key-rings';
export { splitKeys, keyLabel } from './keys/provider-keys';
export { ProviderAvailability } from './health/provider-availability';
export { ProviderHealthMonitor } from './health/provider-health.monitor';
export type { ProviderHealthMonitorOptions, ProviderHealthState } from './health/provider-health.monitor';
export { assessHealth, DEFAULT_HEALTH_THRESHOLDS } from './health/health-assessment';
export type { HealthStatus, HealthThresholds, HealthAssessment } from './health/health-assessment';
export type { ProviderAlert, ProviderAlertKind, ProviderAlertSink } from './health/provider-alert';
export { AlertWebhookSink } from './health/alert-webhook.sink';
export { prometheusTrafficSource } from './health/provider-traffic';
export type { ProviderTrafficSource, ProviderTrafficTotals } from './health/provider-traffic';
export { ProvidersOpsMetrics, PROVIDERS_OPS_METRIC_NAMES } from './ops/providers-ops.metrics';
export { ProviderTester } from './probe/provider-tester';
export type { ProviderTestRequest, ProviderTestResult } from './probe/provider-tester';
export { parseModelQuery, queryModels, cheapestModel, fastestModel, CAPABILITY_NAMES, DEFAULT_MIN_STRENGTH } from './registry/model-query';
export type { ModelQuery, CapabilityFilter } from './registry/model-query';
export { listedModel, REGISTRY_EPOCH } from './registry/model-view';
export type { ListedModel } from './registry/model-view';
