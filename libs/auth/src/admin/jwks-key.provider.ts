import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

export interface JwksKeyProviderOptions {
  /** How long a fetched key set is trusted. */
  cacheMs?: number;
  /** An unknown `kid` triggers a refetch (key rotation at the IdP), at most this often. */
  minRefetchMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

type Jwk = JsonWebKey & { kid?: string; use?: string; alg?: string };

const KEY_TYPE: Record<string, { kty: string; crv?: string }> = { RS256: { kty: 'RSA' }, ES256: { kty: 'EC', crv: 'P-256' } };

/**
 * Public keys from an identity provider's JWKS endpoint, by `kid`, cached. Written on
 * node:crypto rather than jwks-rsa 4 because that one pulls in jose 6, which is ESM-only and
 * cannot be loaded by our CommonJS Jest runtime on Node 20.
 */
export class JwksKeyProvider {
  private keys: Jwk[] = [];
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<void> | null = null;
  private readonly cacheMs: number;
  private readonly minRefetchMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(
    private readonly url: string,
    private readonly algorithm: 'RS256' | 'ES256',
    options: JwksKeyProviderOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? 10 * 60_000;
    this.minRefetchMs = options.minRefetchMs ?? 10_000;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  /** The key for this `kid` (or the only suitable key when the token names none). */
  async keyFor(kid: string | undefined): Promise<KeyObject> {
    if (this.now() - this.fetchedAt > this.cacheMs) await this.refresh();
    let key = this.pick(kid);
    if (!key && this.now() - this.fetchedAt > this.minRefetchMs) {
      await this.refresh();
      key = this.pick(kid);
    }
    if (!key) throw new Error(`no ${this.algorithm} key${kid ? ` with kid "${kid}"` : ''} in the JWKS`);
    return createPublicKey({ key, format: 'jwk' });
  }

  /** passport-jwt's `secretOrKeyProvider`. */
  readonly secretOrKeyProvider = (_request: unknown, rawJwtToken: string, done: (error: unknown, key?: KeyObject) => void): void => {
    let kid: string | undefined;
    try {
      const header = JSON.parse(Buffer.from(rawJwtToken.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid?: unknown };
      kid = typeof header.kid === 'string' ? header.kid : undefined;
    } catch {
      done(new Error('malformed token header'));
      return;
    }
    this.keyFor(kid).then((key) => done(null, key), done);
  };

  private pick(kid: string | undefined): Jwk | undefined {
    const type = KEY_TYPE[this.algorithm]!;
    const usable = this.keys.filter(
      (key) => key.kty === type.kty && (!type.crv || key.crv === type.crv) && key.use !== 'enc' && (!key.alg || key.alg === this.algorithm),
    );
    if (kid !== undefined) return usable.find((key) => key.kid === kid);
    return usable.length === 1 ? usable[0] : undefined;
  }

  private refresh(): Promise<void> {
    this.inflight ??= this.fetchKeys().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async fetchKeys(): Promise<void> {
    const response = await fetch(this.url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.timeoutMs) });
    if (!response.ok) throw new Error(`JWKS endpoint answered HTTP ${response.status}`);
    const body = (await response.json()) as { keys?: unknown };
    if (!Array.isArray(body.keys)) throw new Error('JWKS document has no "keys" array');
    this.keys = body.keys as Jwk[];
    this.fetchedAt = this.now();
  }
}
