import { GuardrailEngine } from '../engine/guardrail-engine';
import { PII_TYPES, SECRET_TYPES, type PiiType, type SecretType } from '../findings/finding';
import { labelOf } from '../redaction/placeholder-map';

// Every PII and secret detector in redact mode, no custom patterns: the same for every log line.
const engine = new GuardrailEngine({
  enabled: true,
  pii: Object.fromEntries(PII_TYPES.map((type) => [type, 'redact'])) as Record<PiiType, 'redact'>,
  secrets: Object.fromEntries(SECRET_TYPES.map((type) => [type, 'redact'])) as Record<SecretType, 'redact'>,
  promptInjection: 'off',
  sqlInjection: 'off',
  custom: [],
  deny: [],
  allow: [],
  limits: { maxInputLength: Number.MAX_SAFE_INTEGER, maxInputTokens: undefined, maxOutputLength: Number.MAX_SAFE_INTEGER, maxOutputTokens: undefined },
});

/**
 * For the structured logger: replaces PII and secrets with `[EMAIL]`, `[AWS_ACCESS_KEY]`...
 * (no numbering, no state). Returns the same string when there is nothing to mask.
 */
export function maskSensitive(text: string): string {
  if (text.length < 6) return text;
  const findings = engine.scan(text);
  if (findings.length === 0) return text;
  let out = '';
  let cursor = 0;
  for (const finding of findings) {
    if (finding.start < cursor) continue;
    out += `${text.slice(cursor, finding.start)}[${labelOf(finding.type)}]`;
    cursor = finding.end;
  }
  return out + text.slice(cursor);
}
