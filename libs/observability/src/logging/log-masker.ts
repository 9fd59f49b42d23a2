/**
 * Removes sensitive values (PII, secrets) from text before it is logged. The guardrails lib
 * provides one (`maskSensitive`); it is injected so this lib does not import guardrails.
 */
export type LogMasker = (text: string) => string;

export const identityMasker: LogMasker = (text) => text;

/** Masks the string values of a log record, one level deep (records are flat by convention). */
export function maskFields(fields: Record<string, unknown>, mask: LogMasker): Record<string, unknown> {
  const masked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) masked[key] = typeof value === 'string' ? mask(value) : value;
  return masked;
}
