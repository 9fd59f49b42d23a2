/** One limit: its size, what is left, and seconds until it is full again. */
export interface RateLimitWindow {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/**
 * What a response reports: the tightest request limit as `X-RateLimit-Limit/-Remaining/-Reset`,
 * the tightest token limit as `X-RateLimit-*-Tokens` (OpenAI's names).
 */
export interface RateLimitHeaderValues {
  requests?: RateLimitWindow;
  tokens?: RateLimitWindow;
}

/** The window closer to refusing: fewer units left, then the smaller limit. */
export function tighterWindow(a: RateLimitWindow | undefined, b: RateLimitWindow | undefined): RateLimitWindow | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.remaining !== b.remaining) return a.remaining < b.remaining ? a : b;
  return a.limit <= b.limit ? a : b;
}

/** Combines two reports (e.g. the per-IP limit and the key's admission) window by window. */
export function mergeRateLimitHeaderValues(a: RateLimitHeaderValues | undefined, b: RateLimitHeaderValues | undefined): RateLimitHeaderValues {
  const requests = tighterWindow(a?.requests, b?.requests);
  const tokens = tighterWindow(a?.tokens, b?.tokens);
  return { ...(requests ? { requests } : {}), ...(tokens ? { tokens } : {}) };
}

/** Header names (lower case) and values as sent. */
export function rateLimitHeaders(values: RateLimitHeaderValues): Record<string, string> {
  const headers: Record<string, string> = {};
  const put = (suffix: string, window: RateLimitWindow | undefined) => {
    if (!window) return;
    headers[`x-ratelimit-limit${suffix}`] = String(window.limit);
    headers[`x-ratelimit-remaining${suffix}`] = String(Math.max(0, window.remaining));
    headers[`x-ratelimit-reset${suffix}`] = String(Math.max(0, window.resetSeconds));
  };
  put('', values.requests);
  put('-tokens', values.tokens);
  return headers;
}
