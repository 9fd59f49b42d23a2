import type { ApiKeyEntity } from '@llmgw/accounts';

/** An API key as the admin API shows it: never the hash, never the secret. */
export interface ApiKeyView {
  id: string;
  name: string;
  display_prefix: string;
  team_id: string | null;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  expires_at: string | null;
  expired: boolean;
  allowed_models: string[] | null;
  rpm_limit: number | null;
  tpm_limit: number | null;
  routing_strategy: string | null;
  guardrail_policy: Record<string, unknown> | null;
  scopes: string[];
  metadata: Record<string, unknown>;
  rotated_from: string | null;
}

/** The one response that carries the secret: creation and rotation. */
export type CreatedApiKey = ApiKeyView & { key: string };

export function presentApiKey(key: ApiKeyEntity, now: Date = new Date()): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    display_prefix: key.displayPrefix,
    team_id: key.teamId,
    created_at: key.createdAt.toISOString(),
    created_by: key.createdBy,
    revoked_at: key.revokedAt?.toISOString() ?? null,
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    expires_at: key.expiresAt?.toISOString() ?? null,
    expired: key.expiresAt !== null && key.expiresAt.getTime() <= now.getTime(),
    allowed_models: key.allowedModels,
    rpm_limit: key.rpmLimit,
    tpm_limit: key.tpmLimit,
    routing_strategy: key.routingStrategy,
    guardrail_policy: key.guardrailPolicy,
    scopes: key.scopes,
    metadata: key.metadata,
    rotated_from: key.rotatedFrom,
  };
}
