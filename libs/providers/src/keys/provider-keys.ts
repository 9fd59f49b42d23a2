/** The keys of a provider variable: a comma list (`k1,k2`), trimmed, each once, in order. */
export function splitKeys(value: string | undefined): string[] {
  if (!value) return [];
  return [...new Set(value.split(',').map((key) => key.trim()).filter((key) => key.length > 0))];
}

/**
 * How a key is shown in logs, metrics and the admin API: its position and a short prefix, never
 * enough to use it (at most a quarter of the key, 12 characters at most).
 */
export function keyLabel(key: string, index: number): string {
  const shown = Math.min(12, Math.floor(key.length / 4));
  return `#${index + 1} ${key.slice(0, shown)}…`;
}
