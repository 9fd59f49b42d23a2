import { GatewayError } from '@llmgw/contracts';
import { PII_TYPES, SECRET_TYPES, type PiiType, type SecretType } from '../findings/finding';
import { compilePattern } from '../detectors/custom/safe-pattern';
import { guardrailPolicySchema, type ParsedGuardrailPolicy, type PiiMode, type SecretMode } from './guardrail-policy.schema';
import type { ResolvedGuardrailPolicy } from './resolved-policy';

/** Parses a policy (deployment file or API key column); the error names the offending field. */
export function parseGuardrailPolicy(raw: unknown, source: string): ParsedGuardrailPolicy {
  const result = guardrailPolicySchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.map(String).join('.') || '(root)';
  // Fail closed: a policy we cannot read must not silently become "no guardrails".
  throw new GatewayError('internal_error', `Invalid guardrail policy in ${source}: ${where}: ${issue?.message ?? 'invalid'}`, {
    code: 'guardrail_policy_invalid',
    cause: result.error,
  });
}

/**
 * Defaults + a key's policy -> what runs. The key's scalar fields and per-type modes win;
 * its custom, deny and allow patterns are added to the deployment's (a key cannot drop a
 * deployment-wide deny pattern).
 */
export function mergeGuardrailPolicies(defaults: ParsedGuardrailPolicy, keyPolicy?: ParsedGuardrailPolicy | null): ResolvedGuardrailPolicy {
  const key = keyPolicy ?? {};
  const piiMode = key.pii?.mode ?? defaults.pii?.mode ?? 'redact';
  const secretMode = key.secrets?.mode ?? defaults.secrets?.mode ?? 'redact';
  const pii = {} as Record<PiiType, PiiMode>;
  for (const type of PII_TYPES) pii[type] = key.pii?.types?.[type] ?? (key.pii?.mode ? undefined : defaults.pii?.types?.[type]) ?? piiMode;
  const secrets = {} as Record<SecretType, SecretMode>;
  for (const type of SECRET_TYPES)
    secrets[type] = key.secrets?.types?.[type] ?? (key.secrets?.mode ? undefined : defaults.secrets?.types?.[type]) ?? secretMode;
  const limits = { ...defaults.limits, ...key.limits };
  const allow = [...(defaults.allow_patterns ?? []), ...(key.allow_patterns ?? [])].map((entry) =>
    typeof entry === 'string' ? compilePattern(entry, false) : compilePattern(entry.pattern, entry.ignore_case),
  );
  return {
    enabled: key.enabled ?? defaults.enabled ?? true,
    pii,
    secrets,
    promptInjection: key.prompt_injection?.mode ?? defaults.prompt_injection?.mode ?? 'flag',
    sqlInjection: key.sql_injection?.mode ?? defaults.sql_injection?.mode ?? 'off',
    custom: [...(defaults.custom_patterns ?? []), ...(key.custom_patterns ?? [])].map((entry) => ({
      name: entry.name,
      mode: entry.mode,
      regex: compilePattern(entry.pattern, entry.ignore_case),
    })),
    deny: [...(defaults.deny_patterns ?? []), ...(key.deny_patterns ?? [])].map((entry) => ({
      name: entry.name,
      regex: compilePattern(entry.pattern, entry.ignore_case),
    })),
    allow,
    limits: {
      maxInputLength: limits.max_input_length ?? 400_000,
      maxInputTokens: limits.max_input_tokens,
      maxOutputLength: limits.max_output_length ?? 400_000,
      maxOutputTokens: limits.max_output_tokens,
    },
  };
}
