import { z } from 'zod';
import { bool, positiveInt } from '../env.fields';

/** Guardrail defaults for the gateway; an API key's own policy overrides them per request. */
export const guardrailsEnvShape = {
  ENABLE_GUARDRAILS: bool(true),
  /** redact: typed placeholders; mask: placeholders restored in the response; block; flag; off. */
  PII_MODE: z.enum(['redact', 'mask', 'block', 'flag', 'off']).default('redact'),
  /** Shorthand for PII_MODE=block, and wins over it. */
  BLOCK_PII: bool(false),
  /** Secrets are redacted unless this blocks the request. */
  BLOCK_SECRETS: bool(false),
  PROMPT_INJECTION_MODE: z.enum(['block', 'flag', 'off']).default('flag'),
  /** Checks SQL in responses for injection shapes and destructive statements (flagged). */
  SQL_INJECTION_DETECTION: bool(false),
  MAX_INPUT_LENGTH: positiveInt(400_000),
  MAX_INPUT_TOKENS: z.coerce.number().int().positive().optional(),
  MAX_OUTPUT_LENGTH: positiveInt(400_000),
  /** Clamps the request's max_tokens / max_completion_tokens. */
  MAX_OUTPUT_TOKENS: z.coerce.number().int().positive().optional(),
  /** JSON or YAML file with a default guardrail policy: custom, deny and allow patterns. */
  GUARDRAILS_POLICY_FILE: z.string().min(1).optional(),
};
