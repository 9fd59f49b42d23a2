// Field names that must never reach the audit log, whatever a presenter returns: secrets,
// key hashes, password hashes, tokens. Matched at every depth (metadata is free-form JSON).
const SECRET_FIELD = /(^key$|hash|secret|password|token|credential|private)/i;

/** A JSON-safe copy of a resource view with every secret-looking field removed. */
export function auditSnapshot(value: object | null): Record<string, unknown> | null {
  if (value === null) return null;
  return strip(JSON.parse(JSON.stringify(value)) as unknown) as Record<string, unknown>;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([name]) => !SECRET_FIELD.test(name))
      .map(([name, inner]) => [name, strip(inner)]),
  );
}
