/** Nest token of the `ProviderAdapter[]` switched on by configuration. */
export const PROVIDER_ADAPTERS = Symbol('PROVIDER_ADAPTERS');
