import { z } from 'zod';
import { positiveInt } from '../env.fields';
import { budgetAlertsEnvShape } from './limits.env';

const nonNegativeInt = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

/** Whole US dollars (or with cents) turned into integer nano-dollars. */
const usdToNano = (fallback: string) =>
  z
    .string()
    .regex(/^\d{1,7}(\.\d{1,9})?$/, 'must be a USD amount such as 100 or 99.50')
    .default(fallback)
    .transform((usd) => {
      const [whole = '0', fraction = ''] = usd.split('.');
      return Number(BigInt(whole) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0')));
    });

/**
 * Providers, operated (issue 12): the providers file's reload, API key rotation, the health
 * monitor and its alerts, provider test calls. Spread into the gateway and the admin API.
 * Several keys per provider: a comma list in the provider's usual variable (`OPENAI_API_KEY=k1,k2`).
 */
export const providersOpsEnvShape = {
  PROVIDERS_FILE_POLL_INTERVAL_MS: nonNegativeInt(2_000),
  PROVIDER_KEY_COOLDOWN_SECONDS: positiveInt(300),
  HEALTH_CHECK_INTERVAL_SECONDS: nonNegativeInt(30),
  HEALTH_CHECK_TIMEOUT_MS: positiveInt(10_000),
  HEALTH_DOWN_AFTER_FAILURES: positiveInt(3),
  HEALTH_UP_AFTER_SUCCESSES: positiveInt(2),
  HEALTH_WINDOW_SECONDS: positiveInt(300),
  HEALTH_DEGRADED_ERROR_RATE: z.coerce.number().min(0).max(1).default(0.1),
  HEALTH_DEGRADED_LATENCY_MS: positiveInt(5_000),
  PROVIDER_COST_ALERT_USD_PER_HOUR: usdToNano('100'),
  PROVIDER_TEST_TIMEOUT_MS: positiveInt(30_000),
  // The same webhook as budget alerts (cost tracker): one place for operators to listen.
  ALERT_WEBHOOK_URL: budgetAlertsEnvShape.ALERT_WEBHOOK_URL,
  ALERT_WEBHOOK_TIMEOUT_MS: budgetAlertsEnvShape.ALERT_WEBHOOK_TIMEOUT_MS,
  ALERT_WEBHOOK_ATTEMPTS: budgetAlertsEnvShape.ALERT_WEBHOOK_ATTEMPTS,
};

/** The gateway variables that connect to providers: the admin API reads them too, to list and test providers. */
export const PROVIDER_CONNECTION_VARIABLES = [
  'UPSTREAM_TIMEOUT_MS',
  'LLM_GATEWAY_CONFIG',
  'MOCK_PROVIDER_ENABLED',
  'MOCK_PROVIDER_LATENCY_MS',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'OPENAI_ORGANIZATION',
  'OPENAI_MODEL',
  'AZURE_OPENAI_API_KEY',
  'AZURE_OPENAI_ENDPOINT',
  'AZURE_OPENAI_API_VERSION',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_MODEL',
  'GOOGLE_API_KEY',
  'GEMINI_API_KEY',
  'GEMINI_BASE_URL',
  'GEMINI_MODEL',
  'MISTRAL_API_KEY',
  'MISTRAL_BASE_URL',
  'MISTRAL_MODEL',
  'COHERE_API_KEY',
  'COHERE_BASE_URL',
  'COHERE_MODEL',
  'DEEPSEEK_API_KEY',
  'DEEPSEEK_BASE_URL',
  'DEEPSEEK_MODEL',
  'TOGETHER_API_KEY',
  'TOGETHER_BASE_URL',
  'TOGETHER_MODEL',
  'QWEN_API_KEY',
  'QWEN_API_BASE',
  'QWEN_MODEL',
  'OPENROUTER_API_KEY',
  'OPENROUTER_BASE_URL',
  'OPENROUTER_MODEL',
  'OLLAMA_BASE_URL',
  'LOCAL_MODEL_URL',
  'OLLAMA_MODEL',
  'OPENAI_COMPATIBLE_BASE_URL',
  'OPENAI_COMPATIBLE_API_KEY',
  'OPENAI_COMPATIBLE_ID',
] as const;

/** The named fields of a shape, with their types (for spreading one app's fields into another). */
export function pickShape<S extends Record<string, z.ZodType>, K extends keyof S>(shape: S, keys: readonly K[]): Pick<S, K> {
  return Object.fromEntries(keys.map((key) => [key, shape[key]])) as Pick<S, K>;
}
