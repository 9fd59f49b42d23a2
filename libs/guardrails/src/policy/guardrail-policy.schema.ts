import { z } from 'zod';
import { PII_TYPES, SECRET_TYPES } from '../findings/finding';
import { compilePattern, unsafePatternReason } from '../detectors/custom/safe-pattern';

export const PII_MODES = ['redact', 'mask', 'block', 'flag', 'off'] as const;
export const SECRET_MODES = ['redact', 'block', 'flag', 'off'] as const;
export const DETECT_MODES = ['block', 'flag', 'off'] as const;
export type PiiMode = (typeof PII_MODES)[number];
export type SecretMode = (typeof SECRET_MODES)[number];
export type DetectMode = (typeof DETECT_MODES)[number];
/** What happens to a finding: replaced, replaced and restored for the caller, refused, counted, ignored. */
export type GuardrailMode = PiiMode;

const safeRegex = z.string().min(1).superRefine((source, ctx) => {
  const unsafe = unsafePatternReason(source);
  if (unsafe) return ctx.addIssue({ code: 'custom', message: `unsafe pattern: ${unsafe}` });
  try {
    compilePattern(source, false);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${(error as Error).message}` });
  }
});
const patternName = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'lower-case letters, digits and _ (metrics label)');

const customPattern = z.strictObject({
  name: patternName,
  pattern: safeRegex,
  ignore_case: z.boolean().default(false),
  mode: z.enum(PII_MODES).default('redact'),
});
const denyPattern = z.strictObject({ name: patternName, pattern: safeRegex, ignore_case: z.boolean().default(false) });
/**
 * A guardrail policy as plain JSON: the deployment default (GUARDRAILS_POLICY_FILE) and an API
 * key's own policy share this shape; every field is optional and the key's fields win.
 */
export const guardrailPolicySchema = z.strictObject({
  enabled: z.boolean().optional(),
  pii: z.strictObject({ mode: z.enum(PII_MODES).optional(), types: z.partialRecord(z.enum(PII_TYPES), z.enum(PII_MODES)).optional() }).optional(),
  secrets: z
    .strictObject({ mode: z.enum(SECRET_MODES).optional(), types: z.partialRecord(z.enum(SECRET_TYPES), z.enum(SECRET_MODES)).optional() })
    .optional(),
  prompt_injection: z.strictObject({ mode: z.enum(DETECT_MODES).optional() }).optional(),
  sql_injection: z.strictObject({ mode: z.enum(DETECT_MODES).optional() }).optional(),
  custom_patterns: z.array(customPattern).max(32).optional(),
  deny_patterns: z.array(denyPattern).max(32).optional(),
  allow_patterns: z
    .array(z.union([safeRegex, z.strictObject({ pattern: safeRegex, ignore_case: z.boolean().default(false) })]))
    .max(32)
    .optional(),
  limits: z
    .strictObject({
      max_input_length: z.number().int().positive().optional(),
      max_input_tokens: z.number().int().positive().optional(),
      max_output_length: z.number().int().positive().optional(),
      max_output_tokens: z.number().int().positive().optional(),
    })
    .optional(),
});

export type GuardrailPolicy = z.input<typeof guardrailPolicySchema>;
export type ParsedGuardrailPolicy = z.output<typeof guardrailPolicySchema>;
