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
export { loadProvidersFile } from './providers-file/load-providers-file';
export { dollarsPer1kToNanoPerMTok } from './providers-file/dollars';
export { CAPABILITIES } from './providers-file/providers-file.schema';
export type { ProvidersFile, ProviderFileSection, ModelFileEntry, RoutingRules } from './providers-file/providers-file.schema';
