import type { ApiKeyEntity } from '@llmgw/accounts';

/** An API key as the admin API shows it: never the hash, never the secret. */
export interface ApiKeyView {
  id: string;
  name: string;
  display_prefix: string;
  team_id: string | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export function presentApiKey(key: ApiKeyEntity): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    display_prefix: key.displayPrefix,
    team_id: key.teamId,
    created_at: key.createdAt.toISOString(),
    revoked_at: key.revokedAt?.toISOString() ?? null,
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
  };
}
