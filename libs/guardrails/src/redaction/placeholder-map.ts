const LABELS: Record<string, string> = {
  ipv4: 'IP',
  ipv6: 'IP',
  connection_string: 'PASSWORD',
  google_api_key: 'GOOGLE_KEY',
};

/** `email` -> `EMAIL`, `aws_access_key` -> `AWS_ACCESS_KEY`; custom pattern names likewise. */
export function labelOf(type: string): string {
  return LABELS[type] ?? type.toUpperCase();
}

const PLACEHOLDER = /\[([A-Z][A-Z0-9_]*?)_(\d{1,6})\]/g;

/**
 * The placeholders of one request: the same value always gets the same placeholder
 * (`[EMAIL_1]` twice for the same address), numbered per label. Values redacted in mask mode
 * are remembered so the response can get them back; the others are never restored.
 */
export class PlaceholderMap {
  private readonly byValue = new Map<string, string>();
  private readonly restorable = new Map<string, string>();
  private readonly counters = new Map<string, number>();

  placeholderFor(type: string, value: string, restore: boolean): string {
    const label = labelOf(type);
    const key = `${label}\u0000${value}`;
    let placeholder = this.byValue.get(key);
    if (placeholder === undefined) {
      const next = (this.counters.get(label) ?? 0) + 1;
      this.counters.set(label, next);
      placeholder = `[${label}_${next}]`;
      this.byValue.set(key, placeholder);
    }
    if (restore) this.restorable.set(placeholder, value);
    return placeholder;
  }

  get hasRestorable(): boolean {
    return this.restorable.size > 0;
  }

  /** Puts mask-mode originals back; `json` escapes them for a JSON string (tool-call arguments). */
  restore(text: string, json = false): string {
    if (this.restorable.size === 0 || text.indexOf('[') === -1) return text;
    return text.replace(PLACEHOLDER, (placeholder) => {
      const value = this.restorable.get(placeholder);
      if (value === undefined) return placeholder;
      return json ? JSON.stringify(value).slice(1, -1) : value;
    });
  }
}

/** Length of a trailing fragment that could still grow into a placeholder (`[EMA`, `[EMAIL_1`). */
export function partialPlaceholderLength(text: string): number {
  const open = text.lastIndexOf('[');
  if (open === -1 || text.length - open > 40) return 0;
  return /^\[[A-Z0-9_]*$/.test(text.slice(open)) ? text.length - open : 0;
}
