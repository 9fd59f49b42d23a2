export {
  commonEnvSchema,
  gatewayEnvSchema,
  adminEnvSchema,
  costTrackerEnvSchema,
  ALL_ENV_VARIABLES,
  DEV_API_KEY_HASH_SECRET,
  DEV_JWT_SECRET,
} from './env.schema';
export type { CommonConfig, GatewayConfig, AdminConfig, CostTrackerConfig } from './env.schema';
export { loadConfig, readProcessEnv, ConfigValidationError } from './load-config';
export { AppConfigModule } from './config.module';
export { DISTRIBUTED_RUNTIME } from './app-runtime';
export type { AppRuntime } from './app-runtime';
export { loadProvidersFile, parseProvidersFile } from './providers-file/load-providers-file';
export { interpolateEnv } from './providers-file/env-interpolation';
export { ProvidersFileSource } from './providers-file/providers-file.source';
export type { ProvidersFileConsumer, ProvidersFileSourceOptions, ProvidersFileStats, ReloadResult } from './providers-file/providers-file.source';
export { liveGenerationOverrides, liveRoutingRules } from './providers-file/live-routing-rules';
export { PROVIDER_CONNECTION_VARIABLES } from './env/providers-ops.env';
export { dollarsPer1kToNanoPerMTok } from './providers-file/dollars';
export { CAPABILITIES } from './providers-file/providers-file.schema';
export type { GenerationOverrides, ProvidersFile, ProviderFileSection, ModelFileEntry, RoutingRules } from './providers-file/providers-file.schema';
export { GENERATION_MODES } from './providers-file/providers-file.schema';
