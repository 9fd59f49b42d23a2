import type { CacheHit } from './response-cache';

export const CACHE_HEADER = 'x-llmgw-cache';

/** `hit`, `semantic-hit; similarity=0.93` or `miss`: the value of the `x-llmgw-cache` response header. */
export function cacheHeaderValue(hit: Pick<CacheHit, 'result' | 'similarity'> | null): string {
  if (!hit) return 'miss';
  if (hit.result === 'exact') return 'hit';
  return `semantic-hit; similarity=${(Math.floor((hit.similarity ?? 0) * 100) / 100).toFixed(2)}`;
}
