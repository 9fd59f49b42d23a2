/**
 * The upstream's rate-limit response headers, as a flat list `[name, value, name, value, ...]`
 * (lower-case names, like Node's `rawHeaders`): built once per call without a map, and relayed
 * by walking it. Only names on the allow-list below ever get in.
 */
export type UpstreamRateLimitHeaders = readonly string[];

/** Shared by every call whose upstream sent none (and by in-process providers). */
export const NO_RATE_LIMIT_HEADERS: UpstreamRateLimitHeaders = Object.freeze([]);

// Exact names, never a prefix: a client sees what the provider says about its limits and nothing
// else (no cookies, no credentials, no infrastructure headers).
const ALLOWED = new Set([
  // Any provider, on a 429 or as a hint (Azure and OpenAI also send the millisecond form).
  'retry-after',
  'retry-after-ms',
  // OpenAI and the vendors that copy it (Azure, Groq, Together, OpenRouter...).
  'x-ratelimit-limit-requests',
  'x-ratelimit-limit-tokens',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-remaining-tokens',
  'x-ratelimit-reset-requests',
  'x-ratelimit-reset-tokens',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  // Anthropic: requests, all tokens, input and output tokens; each limit, remaining and reset.
  'anthropic-ratelimit-requests-limit',
  'anthropic-ratelimit-requests-remaining',
  'anthropic-ratelimit-requests-reset',
  'anthropic-ratelimit-tokens-limit',
  'anthropic-ratelimit-tokens-remaining',
  'anthropic-ratelimit-tokens-reset',
  'anthropic-ratelimit-input-tokens-limit',
  'anthropic-ratelimit-input-tokens-remaining',
  'anthropic-ratelimit-input-tokens-reset',
  'anthropic-ratelimit-output-tokens-limit',
  'anthropic-ratelimit-output-tokens-remaining',
  'anthropic-ratelimit-output-tokens-reset',
]);

// Counts, durations ('6m0s', '20ms') and timestamps are short and plain: anything else is not a
// rate-limit value and is not passed on.
const MAX_VALUE_LENGTH = 64;
const PLAIN_VALUE = /^[\x20-\x7e]+$/;

/** Appends the allow-listed rate-limit headers of an upstream response to `into`. */
export function collectRateLimitHeaders(headers: Record<string, string | string[] | undefined>, into: string[]): void {
  for (const name in headers) {
    if (!ALLOWED.has(name)) continue;
    const raw = headers[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined && value.length <= MAX_VALUE_LENGTH && PLAIN_VALUE.test(value)) into.push(name, value);
  }
}
