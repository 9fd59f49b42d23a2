import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type ApiKeyEntity, ApiKeyRepository, hashApiKey } from '@llmgw/accounts';
import { GatewayError, KEY_SCOPES, type KeyPolicy, type KeyScope } from '@llmgw/contracts';
import { KeyRevocationBus } from '../revocation/key-revocation.bus';
import { API_KEY_AUTH_OPTIONS, type ApiKeyAuthOptions } from './api-key-auth.options';
import { ApiKeyCache, type KeyLookup } from './api-key.cache';
import type { KeyContext } from './key-context';

const MAX_KEY_LENGTH = 256;
const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Turns an `Authorization` header into the caller's key context. Lookups go by keyed hash and
 * are cached in process (hits, revocations and misses alike); a revocation published on the
 * bus drops the key from every replica's cache. Error messages never contain the key.
 */
@Injectable()
export class ApiKeyAuthenticator implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ApiKeyAuthenticator');
  private readonly cache: ApiKeyCache;
  /** Secret -> keyed hash: an HMAC per request showed in the gateway's profile, and a secret's hash never changes. */
  private readonly hashes = new Map<string, string>();
  private readonly pendingWrites = new Set<Promise<void>>();
  private unsubscribe: (() => Promise<void>) | null = null;
  /** The last lookup failed to reach Postgres (logged once per outage, not per request). */
  private storeDown = false;

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly revocations: KeyRevocationBus,
    @Inject(API_KEY_AUTH_OPTIONS) private readonly options: ApiKeyAuthOptions,
  ) {
    this.cache = new ApiKeyCache({ ttlMs: options.cacheTtlMs, maxEntries: options.cacheMaxEntries, now: options.now });
  }

  async onModuleInit(): Promise<void> {
    this.unsubscribe = await this.revocations.subscribe((apiKeyId) => this.cache.forgetKey(apiKeyId));
  }

  async onModuleDestroy(): Promise<void> {
    await this.unsubscribe?.();
    await Promise.all(this.pendingWrites);
  }

  async authenticate(authorizationHeader: string | undefined): Promise<KeyContext> {
    const secret = parseBearer(authorizationHeader);
    const keyHash = this.hashOf(secret);
    const lookup = this.cache.get(keyHash) ?? (await this.lookUp(keyHash));
    if (lookup.kind === 'valid') {
      // Checked on every call, cached or not: a key stops working the moment it expires.
      const expiresAt = lookup.context.policy.expiresAt;
      if (expiresAt && expiresAt.getTime() <= (this.options.now?.() ?? Date.now()))
        throw new GatewayError('authentication_error', 'This API key has expired.', { code: 'api_key_expired' });
      return lookup.context;
    }
    if (lookup.kind === 'revoked')
      throw new GatewayError('authentication_error', 'This API key has been revoked.', { code: 'api_key_revoked' });
    throw new GatewayError(
      'authentication_error',
      'Incorrect API key provided. Ask an administrator for a valid key.',
      { code: 'invalid_api_key' },
    );
  }

  private hashOf(secret: string): string {
    const known = this.hashes.get(secret);
    if (known !== undefined) return known;
    const keyHash = hashApiKey(secret, this.options.hashSecret);
    // Bounded like the lookup cache; the oldest entry goes first (a Map iterates in insertion order).
    if (this.hashes.size >= this.options.cacheMaxEntries) this.hashes.delete(this.hashes.keys().next().value as string);
    this.hashes.set(secret, keyHash);
    return keyHash;
  }

  private async lookUp(keyHash: string): Promise<KeyLookup> {
    let key: ApiKeyEntity | null;
    try {
      key = await this.keys.findByHash(keyHash);
    } catch (error) {
      return this.lastKnown(keyHash, error);
    }
    if (this.storeDown) this.logger.log('API key store reachable again');
    this.storeDown = false;
    const lookup: KeyLookup = !key
      ? { kind: 'unknown' }
      : key.revokedAt
        ? { kind: 'revoked', apiKeyId: key.id }
        : { kind: 'valid', context: { apiKeyId: key.id, teamId: key.teamId, keyPrefix: key.displayPrefix, policy: policyOf(key) } };
    this.cache.set(keyHash, lookup);
    if (lookup.kind === 'valid') this.recordUse(lookup.context.apiKeyId);
    return lookup;
  }

  /**
   * Postgres unreachable: a key seen before keeps its last known answer for one more TTL (so the
   * store is retried once per TTL, not on every request), as a revocation still arrives over the
   * bus and expiry is checked on every call; a key never seen gets a 503, not a 500.
   */
  private lastKnown(keyHash: string, error: unknown): KeyLookup {
    const reason = error instanceof Error ? error.message : String(error);
    if (!this.storeDown) this.logger.warn(`API key store unreachable, serving last known lookups: ${reason}`);
    this.storeDown = true;
    const known = this.cache.lastKnown(keyHash);
    if (!known) throw new GatewayError('service_unavailable', 'API keys cannot be checked right now; try again shortly.', { cause: error, retryAfterSeconds: 1 });
    this.cache.set(keyHash, known);
    return known;
  }

  /** last_used_at is refreshed on cache misses only: at most once per TTL per replica. */
  private recordUse(apiKeyId: string): void {
    const write = this.keys
      .markUsed(apiKeyId, new Date(this.options.now?.() ?? Date.now()))
      .catch((error: unknown) =>
        this.logger.warn(`could not record key use: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => this.pendingWrites.delete(write));
    this.pendingWrites.add(write);
  }
}

function policyOf(key: ApiKeyEntity): KeyPolicy {
  return {
    scopes: (key.scopes ?? []).filter((scope): scope is KeyScope => (KEY_SCOPES as readonly string[]).includes(scope)),
    allowedModels: key.allowedModels ?? null,
    rpmLimit: key.rpmLimit ?? null,
    tpmLimit: key.tpmLimit ?? null,
    routingStrategy: key.routingStrategy ?? null,
    guardrails: key.guardrailPolicy ?? null,
    expiresAt: key.expiresAt ?? null,
  };
}

function parseBearer(header: string | undefined): string {
  if (header === undefined || header.trim() === '') {
    throw new GatewayError(
      'authentication_error',
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      { code: 'missing_api_key' },
    );
  }
  const match = BEARER.exec(header);
  if (!match?.[1]) {
    throw new GatewayError('authentication_error', 'Invalid Authorization header: expected "Bearer YOUR_KEY".', {
      code: 'invalid_authorization_header',
    });
  }
  if (match[1].length > MAX_KEY_LENGTH) {
    throw new GatewayError(
      'authentication_error',
      'Incorrect API key provided. Ask an administrator for a valid key.',
      { code: 'invalid_api_key' },
    );
  }
  return match[1];
}
