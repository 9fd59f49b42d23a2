import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted and null/undefined members dropped, so two requests that mean
 * the same thing serialise to the same bytes whatever order or explicit nulls a client sent.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : normalise(item)));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined && member !== null) out[key] = normalise(member);
  }
  return out;
}
