import { maskSensitive } from '@llmgw/guardrails';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface MaskedPayload {
  value: JsonValue;
  /** Some text, items or nesting was left out to stay within the budget. */
  truncated: boolean;
}

export const TRUNCATION_MARK = '…[truncated]';
const MAX_ITEMS = 256;
const MAX_DEPTH = 16;

/**
 * A JSON copy of `value` fit for storage: every string masked (PII, secrets) and all text
 * together cut to `maxChars`. Text is cut at whitespace BEFORE masking, so a secret or an email
 * is never split into a fragment the detectors would no longer recognise: a long unbroken token
 * at the cut is dropped whole. Keys are masked too (metadata keys are caller-chosen).
 */
export function maskPayload(value: unknown, maxChars: number, mask: (text: string) => string = maskSensitive): MaskedPayload {
  const state = { left: maxChars, truncated: false };
  const walk = (node: unknown, depth: number): JsonValue | undefined => {
    if (node === null || typeof node === 'boolean') return node;
    if (typeof node === 'number') return Number.isFinite(node) ? node : null;
    if (typeof node === 'string') return text(node);
    if (typeof node === 'bigint') return node.toString();
    if (typeof node !== 'object') return undefined; // functions, symbols, undefined: not JSON
    if (depth >= MAX_DEPTH) {
      state.truncated = true;
      return TRUNCATION_MARK;
    }
    if (Array.isArray(node)) {
      if (node.length > MAX_ITEMS) state.truncated = true;
      return node.slice(0, MAX_ITEMS).map((item) => walk(item, depth + 1) ?? null);
    }
    if (node instanceof Date) return node.toISOString();
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(node)) {
      const kept = walk(item, depth + 1);
      if (kept !== undefined) out[mask(key)] = kept;
    }
    return out;
  };
  const text = (raw: string): string => {
    if (raw.length <= state.left) {
      state.left -= raw.length;
      return mask(raw);
    }
    state.truncated = true;
    const kept = cutAtWhitespace(raw, state.left);
    state.left = 0;
    return kept.length > 0 ? `${mask(kept)}${TRUNCATION_MARK}` : TRUNCATION_MARK;
  };
  return { value: walk(value, 0) ?? null, truncated: state.truncated };
}

/** The longest prefix of at most `limit` characters that ends where a word ends. */
export function cutAtWhitespace(text: string, limit: number): string {
  if (text.length <= limit) return text;
  if (limit <= 0) return '';
  // Index `limit` itself counts: whitespace right after the cut means the last word is whole.
  for (let index = limit; index > 0; index -= 1) {
    if (/\s/.test(text.charAt(index))) return text.slice(0, index).trimEnd();
  }
  return '';
}

/** For error messages (they may quote the prompt or an upstream body). */
export function maskText(text: string, maxChars: number, mask: (text: string) => string = maskSensitive): string {
  if (text.length <= maxChars) return mask(text);
  return `${mask(cutAtWhitespace(text, maxChars))}${TRUNCATION_MARK}`;
}
