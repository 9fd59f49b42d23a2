import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { GatewayConfig } from '@llmgw/config';
import type { ParsedGuardrailPolicy } from './guardrail-policy.schema';
import { parseGuardrailPolicy } from './merge-policy';

/** The environment variables the guardrails read (see libs/config/src/env/guardrails.env.ts). */
export type GuardrailsEnv = Pick<
  GatewayConfig,
  | 'ENABLE_GUARDRAILS'
  | 'PII_MODE'
  | 'BLOCK_PII'
  | 'BLOCK_SECRETS'
  | 'PROMPT_INJECTION_MODE'
  | 'SQL_INJECTION_DETECTION'
  | 'MAX_INPUT_LENGTH'
  | 'MAX_INPUT_TOKENS'
  | 'MAX_OUTPUT_LENGTH'
  | 'MAX_OUTPUT_TOKENS'
  | 'GUARDRAILS_POLICY_FILE'
>;

/** Reads GUARDRAILS_POLICY_FILE (JSON or YAML); a bad file stops the boot naming the file and field. */
export function loadGuardrailPolicyFile(path: string): ParsedGuardrailPolicy {
  const text = readFileSync(path, 'utf8');
  const raw: unknown = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  return parseGuardrailPolicy(raw, path);
}

/**
 * The deployment default policy: the environment sets the modes and limits, the policy file
 * adds patterns and per-type modes; the environment's switches and limits win over the file.
 */
export function guardrailDefaultsFromEnv(env: GuardrailsEnv, file?: ParsedGuardrailPolicy): ParsedGuardrailPolicy {
  const base = file ?? (env.GUARDRAILS_POLICY_FILE ? loadGuardrailPolicyFile(env.GUARDRAILS_POLICY_FILE) : {});
  return {
    ...base,
    enabled: env.ENABLE_GUARDRAILS && (base.enabled ?? true),
    pii: { ...base.pii, mode: env.BLOCK_PII ? 'block' : env.PII_MODE },
    secrets: { ...base.secrets, mode: env.BLOCK_SECRETS ? 'block' : (base.secrets?.mode ?? 'redact') },
    prompt_injection: { mode: env.PROMPT_INJECTION_MODE },
    sql_injection: { mode: env.SQL_INJECTION_DETECTION ? (base.sql_injection?.mode ?? 'flag') : 'off' },
    limits: {
      ...base.limits,
      max_input_length: env.MAX_INPUT_LENGTH,
      max_input_tokens: env.MAX_INPUT_TOKENS,
      max_output_length: env.MAX_OUTPUT_LENGTH,
      max_output_tokens: env.MAX_OUTPUT_TOKENS,
    },
  };
}
