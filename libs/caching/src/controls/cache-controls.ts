import { GatewayError } from '@llmgw/contracts';

/** What one request asks of the cache, from `x-llmgw-cache*` headers or the body's `cache` field. */
export interface CacheControls {
  /** Skip the lookup (the answer may still be stored). */
  noCache: boolean;
  /** Do not store this answer. */
  noStore: boolean;
  /** Seconds to keep this answer; bounded by CACHE_MAX_TTL. */
  ttlSeconds?: number;
  /** A stricter semantic threshold for this request; never below SIMILARITY_THRESHOLD_FLOOR. */
  similarityThreshold?: number;
}

export const DEFAULT_CACHE_CONTROLS: CacheControls = Object.freeze({ noCache: false, noStore: false });

/** The OpenAI-compatible body field (LiteLLM spells it the same way) for clients that cannot set headers. */
export const CACHE_BODY_FIELD = 'cache';

type Headers = Record<string, string | string[] | undefined>;

/**
 * Reads the controls. Headers: `x-llmgw-cache: no-cache, no-store` (comma-separated),
 * `x-llmgw-cache-ttl: <seconds>`, `x-llmgw-cache-threshold: <0..1>`. Body:
 * `cache: { no_cache?, no_store?, ttl?, similarity_threshold? }` (`no-cache`/`no-store` accepted).
 * Either source can switch a flag on; a header value wins over a body value.
 */
export function cacheControlsOf(headers: Headers, body: unknown): CacheControls {
  const fromBody = bodyControls(body);
  const directives = headerValue(headers, 'x-llmgw-cache')
    ?.split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean) ?? [];
  for (const directive of directives) {
    if (directive !== 'no-cache' && directive !== 'no-store')
      throw invalid(`x-llmgw-cache: unknown directive "${directive.slice(0, 32)}" (expected no-cache, no-store)`, 'x-llmgw-cache');
  }
  const ttlHeader = headerValue(headers, 'x-llmgw-cache-ttl');
  const thresholdHeader = headerValue(headers, 'x-llmgw-cache-threshold');
  const ttlSeconds = ttlHeader !== undefined ? ttlOf(ttlHeader, 'x-llmgw-cache-ttl') : fromBody.ttlSeconds;
  const similarityThreshold =
    thresholdHeader !== undefined ? thresholdOf(thresholdHeader, 'x-llmgw-cache-threshold') : fromBody.similarityThreshold;
  return {
    noCache: fromBody.noCache || directives.includes('no-cache'),
    noStore: fromBody.noStore || directives.includes('no-store'),
    ...(ttlSeconds !== undefined ? { ttlSeconds } : {}),
    ...(similarityThreshold !== undefined ? { similarityThreshold } : {}),
  };
}

/** The body without the `cache` field, so that no provider ever sees it. Same object when absent. */
export function withoutCacheField<T>(body: T): T {
  if (typeof body !== 'object' || body === null || !(CACHE_BODY_FIELD in body)) return body;
  const { [CACHE_BODY_FIELD]: _removed, ...rest } = body as Record<string, unknown>;
  return rest as T;
}

function bodyControls(body: unknown): CacheControls {
  if (typeof body !== 'object' || body === null) return DEFAULT_CACHE_CONTROLS;
  const field = (body as Record<string, unknown>)[CACHE_BODY_FIELD];
  if (field === undefined || field === null) return DEFAULT_CACHE_CONTROLS;
  if (typeof field !== 'object' || Array.isArray(field)) throw invalid('cache must be an object', 'cache');
  const value = field as Record<string, unknown>;
  const flag = (name: string): boolean => {
    const raw = value[name] ?? value[name.replace('_', '-')];
    if (raw === undefined || raw === null) return false;
    if (typeof raw !== 'boolean') throw invalid(`cache.${name} must be a boolean`, `cache.${name}`);
    return raw;
  };
  const ttl = value['ttl'];
  const threshold = value['similarity_threshold'];
  return {
    noCache: flag('no_cache'),
    noStore: flag('no_store'),
    ...(ttl !== undefined && ttl !== null ? { ttlSeconds: ttlOf(ttl, 'cache.ttl') } : {}),
    ...(threshold !== undefined && threshold !== null ? { similarityThreshold: thresholdOf(threshold, 'cache.similarity_threshold') } : {}),
  };
}

function headerValue(headers: Headers, name: string): string | undefined {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw.join(',') : raw;
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function ttlOf(raw: unknown, param: string): number {
  const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)
    throw invalid(`${param} must be a positive whole number of seconds`, param);
  return value;
}

function thresholdOf(raw: unknown, param: string): number {
  const value = typeof raw === 'string' && /^(0(\.\d+)?|1(\.0+)?)$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw invalid(`${param} must be a number between 0 and 1`, param);
  return value;
}

function invalid(message: string, param: string): GatewayError {
  return new GatewayError('invalid_request_error', message, { param, code: 'invalid_cache_control' });
}
