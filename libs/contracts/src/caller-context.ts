/** Who is calling, as established by authentication; carried through the request path. */
export interface CallerContext {
  requestId: string;
  apiKeyId: string;
  teamId: string | null;
  /** What the key may do. Absent for callers built outside authentication (tests, internal calls): no restrictions. */
  policy?: KeyPolicy;
}

/** Scopes a key may carry beyond calling models: `admin` unlocks the gateway's write endpoints. */
export const KEY_SCOPES = ['admin'] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

/** The per-key settings an admin manages; `null` means "not restricted by the key". */
export interface KeyPolicy {
  scopes: readonly KeyScope[];
  /** Model ids or provider ids the key may use; null allows every model. */
  allowedModels: readonly string[] | null;
  rpmLimit: number | null;
  tpmLimit: number | null;
  /** One of the routing strategies; validated where it is used. */
  routingStrategy: string | null;
  /** Guardrail overrides as stored (JSON); the guardrails lib validates and merges them. */
  guardrails: Record<string, unknown> | null;
  /** The time after which the key is refused, if any. */
  expiresAt: Date | null;
}

/** A key with no restrictions: what a caller without a policy gets. */
export const UNRESTRICTED_KEY_POLICY: KeyPolicy = Object.freeze({
  scopes: [],
  allowedModels: null,
  rpmLimit: null,
  tpmLimit: null,
  routingStrategy: null,
  guardrails: null,
  expiresAt: null,
});
