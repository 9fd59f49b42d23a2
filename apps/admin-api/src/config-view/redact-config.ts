export const REDACTED = '[redacted]';

// Secret by name: API keys, secrets, passwords, tokens, private keys. Public keys match too:
// harmless to hide, and a name-based rule must err on the safe side.
const SECRET_NAME = /(_KEY|_SECRET|_PASSWORD|_TOKEN|_CREDENTIALS?)$|^(PASSWORD|SECRET|TOKEN)$/i;

/**
 * A configuration safe to show: secret-named values become "[redacted]", and credentials
 * inside URLs are masked. Unset optional variables are absent from parsed configs.
 */
export function redactConfig(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => [name, redactValue(name, value)]),
  );
}

function redactValue(name: string, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (SECRET_NAME.test(name)) return REDACTED;
  if (typeof value === 'string') return redactUrlCredentials(value);
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? redactUrlCredentials(item) : item));
  return value;
}

/** `redis://user:pass@host` -> `redis://user:[redacted]@host`; anything else unchanged. */
export function redactUrlCredentials(value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/@\s]+@/i.test(value)) return value;
  try {
    const url = new URL(value);
    if (!url.password && !url.username) return value;
    if (url.password) url.password = REDACTED;
    else url.username = REDACTED;
    return url.toString();
  } catch {
    return value.replace(/\/\/[^/@\s]+@/, `//${REDACTED}@`);
  }
}
