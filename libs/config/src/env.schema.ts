import { z } from 'zod';
import { bool, optionalSecret, port, positiveInt, url } from './env.fields';
import { observabilityEnvShape } from './env/observability.env';
import { cachingEnvShape } from './env/caching.env';
import { meteringEnvShape } from './env/metering.env';
import { guardrailsEnvShape } from './env/guardrails.env';
import { generationEnvShape } from './env/generation.env';
import { budgetAlertsEnvShape, limitsEnvShape } from './env/limits.env';
import { adminControlEnvShape, refineExternalJwt } from './env/admin.env';
import { dashboardEnvShape } from './env/dashboard.env';
import { adminSecurityEnvShape } from './env/admin-security.env';
import { PROVIDER_CONNECTION_VARIABLES, pickShape, providersOpsEnvShape } from './env/providers-ops.env';
import { requestLogsEnvShape } from './env/request-logs.env';
import { httpServerEnvShape } from './env/http-server.env';

export const DEV_API_KEY_HASH_SECRET = 'dev-only-api-key-hash-secret-change-me';
export const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-32-characters';

/** Variables every app reads. */
export const commonEnvShape = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  DATABASE_URL: url('postgres://postgres@127.0.0.1:5432/llmgw'),
  DATABASE_POOL_SIZE: positiveInt(10),
  REDIS_URL: url('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().regex(/^[a-zA-Z0-9:_-]+$/).default('llmgw'),
  API_KEY_HASH_SECRET: z.string().min(16).default(DEV_API_KEY_HASH_SECRET),
  DATA_DIR: z.string().min(1).default('./.data'),
  ...observabilityEnvShape,
};

export const gatewayEnvShape = {
  ...commonEnvShape,
  GATEWAY_HOST: z.string().min(1).default('0.0.0.0'),
  GATEWAY_PORT: port(8001),
  REQUEST_BODY_LIMIT_BYTES: positiveInt(4 * 1024 * 1024),
  UPSTREAM_TIMEOUT_MS: positiveInt(60_000),
  OPENAI_API_KEY: optionalSecret(),
  OPENAI_BASE_URL: url('https://api.openai.com/v1'),
  OPENAI_ORGANIZATION: z.string().min(1).optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  AZURE_OPENAI_API_KEY: optionalSecret(),
  AZURE_OPENAI_ENDPOINT: z.url().optional(),
  AZURE_OPENAI_API_VERSION: z.string().min(1).default('2024-10-21'),
  ANTHROPIC_API_KEY: optionalSecret(),
  ANTHROPIC_BASE_URL: url('https://api.anthropic.com'),
  ANTHROPIC_MODEL: z.string().min(1).default('claude-sonnet-4-5'),
  GOOGLE_API_KEY: optionalSecret(),
  GEMINI_API_KEY: optionalSecret(),
  GEMINI_BASE_URL: url('https://generativelanguage.googleapis.com'),
  GEMINI_MODEL: z.string().min(1).default('gemini-2.5-flash'),
  MISTRAL_API_KEY: optionalSecret(),
  MISTRAL_BASE_URL: url('https://api.mistral.ai/v1'),
  MISTRAL_MODEL: z.string().min(1).default('mistral-small-latest'),
  COHERE_API_KEY: optionalSecret(),
  COHERE_BASE_URL: url('https://api.cohere.com'),
  COHERE_MODEL: z.string().min(1).default('command-r-plus'),
  DEEPSEEK_API_KEY: optionalSecret(),
  DEEPSEEK_BASE_URL: url('https://api.deepseek.com/v1'),
  DEEPSEEK_MODEL: z.string().min(1).default('deepseek-chat'),
  TOGETHER_API_KEY: optionalSecret(),
  TOGETHER_BASE_URL: url('https://api.together.xyz/v1'),
  TOGETHER_MODEL: z.string().min(1).default('together/qwen3-coder-480b'),
  QWEN_API_KEY: optionalSecret(),
  QWEN_API_BASE: url('https://dashscope-intl.aliyuncs.com/compatible-mode/v1'),
  QWEN_MODEL: z.string().min(1).default('qwen3-coder-plus'),
  OPENROUTER_API_KEY: optionalSecret(),
  OPENROUTER_BASE_URL: url('https://openrouter.ai/api/v1'),
  OPENROUTER_MODEL: z.string().min(1).default('openrouter/openai/gpt-4o-mini'),
  OLLAMA_BASE_URL: z.url().optional(),
  LOCAL_MODEL_URL: z.url().optional(),
  OLLAMA_MODEL: z.string().min(1).default('llama3.1'),
  OPENAI_COMPATIBLE_BASE_URL: z.url().optional(),
  OPENAI_COMPATIBLE_API_KEY: optionalSecret(),
  OPENAI_COMPATIBLE_ID: z.string().regex(/^[a-z][a-z0-9-]*$/).default('vllm'),
  MOCK_PROVIDER_ENABLED: bool(true),
  MOCK_PROVIDER_LATENCY_MS: z.coerce.number().int().nonnegative().default(0),
  BOOTSTRAP_API_KEY: z.string().min(20).optional(),
  API_KEY_CACHE_TTL_MS: positiveInt(30_000),
  USAGE_BATCH_MAX_EVENTS: positiveInt(500),
  USAGE_BATCH_INTERVAL_MS: positiveInt(100),
  LLM_GATEWAY_CONFIG: z.string().min(1).optional(),
  ROUTING_STRATEGY: z
    .enum(['balanced', 'cost_optimized', 'latency_optimized', 'quality_optimized', 'local_first', 'capability_match', 'priority'])
    .default('balanced'),
  MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  MAX_FALLBACKS: z.coerce.number().int().min(0).max(3).default(3),
  REQUEST_DEADLINE_MS: positiveInt(120_000),
  CIRCUIT_BREAKER_FAILURE_THRESHOLD: positiveInt(5),
  CIRCUIT_BREAKER_RECOVERY_TIMEOUT: positiveInt(60),
  CIRCUIT_BREAKER_SUCCESS_THRESHOLD: positiveInt(2),
  // How stale a replica's view of a closed breaker may be (its successes travel in batches as often): 0 = every call asks Redis.
  CIRCUIT_BREAKER_SYNC_MS: z.coerce.number().int().min(0).max(5_000).default(250),
  ROUTE_CACHE_TTL_SECONDS: positiveInt(3600),
  ROUTE_CACHE_MAX_ENTRIES: z.coerce.number().int().min(0).default(10_000),
  ...cachingEnvShape,
  ...meteringEnvShape,
  ...guardrailsEnvShape,
  ...limitsEnvShape,
  ...generationEnvShape,
  ...providersOpsEnvShape,
  ...requestLogsEnvShape,
  ...httpServerEnvShape,
};

export const adminEnvShape = {
  ...commonEnvShape,
  ADMIN_HOST: z.string().min(1).default('0.0.0.0'),
  ADMIN_PORT: port(8002),
  ADMIN_EMAIL: z.email().default('admin@localhost.localdomain'),
  ADMIN_PASSWORD: z.string().min(12).optional(),
  JWT_SECRET: z.string().min(32).default(DEV_JWT_SECRET),
  JWT_EXPIRES_IN_SECONDS: positiveInt(3600),
  JWT_ISSUER: z.string().min(1).default('llmgw'),
  JWT_AUDIENCE: z.string().min(1).default('llmgw-admin'),
  ADMIN_LOGIN_ATTEMPTS_PER_MINUTE: positiveInt(10),
  ...adminControlEnvShape,
  ...dashboardEnvShape,
  ...adminSecurityEnvShape,
  ...meteringEnvShape,
  ...providersOpsEnvShape,
  ...pickShape(gatewayEnvShape, PROVIDER_CONNECTION_VARIABLES),
  ...cachingEnvShape,
};

export const costTrackerEnvShape = {
  ...commonEnvShape,
  COST_TRACKER_HOST: z.string().min(1).default('0.0.0.0'),
  COST_TRACKER_PORT: port(8003),
  WORKER_CONCURRENCY: positiveInt(2),
  ...meteringEnvShape,
  ...budgetAlertsEnvShape,
  ...requestLogsEnvShape,
};

/** Development defaults for secrets are refused in production: they would be public. */
function refuseDevSecrets(env: { NODE_ENV: string; API_KEY_HASH_SECRET: string; JWT_SECRET?: string }, ctx: z.RefinementCtx) {
  if (env.NODE_ENV !== 'production') return;
  if (env.API_KEY_HASH_SECRET === DEV_API_KEY_HASH_SECRET)
    ctx.addIssue({ code: 'custom', path: ['API_KEY_HASH_SECRET'], message: 'must be set in production' });
  if (env.JWT_SECRET === DEV_JWT_SECRET)
    ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'must be set in production' });
}

export const commonEnvSchema = z.object(commonEnvShape).superRefine(refuseDevSecrets);
/** Aliases people know from other tools: GEMINI_API_KEY for GOOGLE_API_KEY, LOCAL_MODEL_URL for OLLAMA_BASE_URL. */
export const gatewayEnvSchema = z
  .object(gatewayEnvShape)
  .superRefine(refuseDevSecrets)
  .superRefine((env, ctx) => {
    if (env.AZURE_OPENAI_API_KEY && !env.AZURE_OPENAI_ENDPOINT)
      ctx.addIssue({ code: 'custom', path: ['AZURE_OPENAI_ENDPOINT'], message: 'must be set when AZURE_OPENAI_API_KEY is' });
  })
  .transform((env) => ({
    ...env,
    GOOGLE_API_KEY: env.GOOGLE_API_KEY ?? env.GEMINI_API_KEY,
    OLLAMA_BASE_URL: env.OLLAMA_BASE_URL ?? env.LOCAL_MODEL_URL,
  }));
export const adminEnvSchema = z.object(adminEnvShape).superRefine(refuseDevSecrets).superRefine(refineExternalJwt);
export const costTrackerEnvSchema = z.object(costTrackerEnvShape).superRefine(refuseDevSecrets);

export type CommonConfig = z.infer<z.ZodObject<typeof commonEnvShape>>;
export type GatewayConfig = z.infer<typeof gatewayEnvSchema>;
export type AdminConfig = z.infer<typeof adminEnvSchema>;
export type CostTrackerConfig = z.infer<typeof costTrackerEnvSchema>;

/** Every variable any app reads: `.env.example` must document exactly these. */
export const ALL_ENV_VARIABLES: readonly string[] = [
  ...new Set([...Object.keys(gatewayEnvShape), ...Object.keys(adminEnvShape), ...Object.keys(costTrackerEnvShape)]),
].sort();
