/** Nest token of the `ProviderAdapter[]` switched on by configuration. */
export const PROVIDER_ADAPTERS = Symbol('PROVIDER_ADAPTERS');

/** Nest token of the provider id → default model id map (`ANTHROPIC_MODEL`, ...). */
export const PROVIDER_DEFAULT_MODELS = Symbol('PROVIDER_DEFAULT_MODELS');

/** Nest token of the `ProvidersFileSource` the model registry follows. */
export const PROVIDERS_FILE_SOURCE = Symbol('PROVIDERS_FILE_SOURCE');
