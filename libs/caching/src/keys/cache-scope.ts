import type { CallerContext } from '@llmgw/contracts';

export type CacheScopeMode = 'team' | 'key';

/**
 * The tenant a cached answer belongs to. Every key and every vector partition starts with it,
 * so isolation is structural: nothing looks outside the caller's own tenant.
 */
export interface CacheScope {
  readonly tenant: string;
}

/** `team` scope shares answers within a team; a key without a team is always its own tenant. */
export function cacheScopeOf(caller: Pick<CallerContext, 'apiKeyId' | 'teamId'>, mode: CacheScopeMode): CacheScope {
  if (mode === 'team' && caller.teamId) return { tenant: `team:${caller.teamId}` };
  return { tenant: `key:${caller.apiKeyId}` };
}
