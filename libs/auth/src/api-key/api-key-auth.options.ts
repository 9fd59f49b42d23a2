/** Injection token for ApiKeyAuthOptions. */
export const API_KEY_AUTH_OPTIONS = Symbol('API_KEY_AUTH_OPTIONS');

export interface ApiKeyAuthOptions {
  /** API_KEY_HASH_SECRET: the HMAC key the stored hashes were made with. */
  hashSecret: string;
  /** API_KEY_CACHE_TTL_MS: how long a lookup (found, revoked or unknown) is trusted. */
  cacheTtlMs: number;
  cacheMaxEntries: number;
  now?: () => number;
}
