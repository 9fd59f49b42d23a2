import { EventEmitter } from 'node:events';
import {
  ACCOUNTS_ENTITIES,
  ACCOUNTS_MIGRATIONS,
  ApiKeyEntity,
  ApiKeyRepository,
  displayPrefix,
  generateApiKeySecret,
  hashApiKey,
  type NewApiKey,
} from '@llmgw/accounts';
import { CHANNELS, type GatewayError, UNRESTRICTED_KEY_POLICY } from '@llmgw/contracts';
import { openTestDataSource } from '@llmgw/testing';
import type { DataSource } from 'typeorm';
import { InProcessControlChannel } from '@llmgw/control-bus';
import { ApiKeyAuthenticator } from './api-key.authenticator';

const HASH_SECRET = 'authenticator-int-spec-secret-0123';

describe('ApiKeyAuthenticator (real Postgres)', () => {
  let dataSource: DataSource;
  let keys: ApiKeyRepository;
  let now: number;
  let emitter: EventEmitter;
  const authenticators: ApiKeyAuthenticator[] = [];

  beforeAll(async () => {
    dataSource = await openTestDataSource({ entities: ACCOUNTS_ENTITIES, migrations: ACCOUNTS_MIGRATIONS });
    keys = new ApiKeyRepository(dataSource.getRepository(ApiKeyEntity));
  });

  afterAll(async () => {
    await Promise.all(authenticators.map((authenticator) => authenticator.onModuleDestroy()));
    await dataSource?.destroy();
  });

  beforeEach(() => {
    now = Date.parse('2030-01-01T00:00:00Z');
    emitter = new EventEmitter();
  });

  async function authenticator(): Promise<ApiKeyAuthenticator> {
    const subject = new ApiKeyAuthenticator(keys, new InProcessControlChannel(CHANNELS.apiKeyRevoked, emitter), {
      hashSecret: HASH_SECRET,
      cacheTtlMs: 60_000,
      cacheMaxEntries: 100,
      now: () => now,
    });
    await subject.onModuleInit();
    authenticators.push(subject);
    return subject;
  }

  async function createKey(extra: Partial<NewApiKey> = {}) {
    const secret = generateApiKeySecret();
    const key = await keys.create({
      name: 'authenticator spec',
      keyHash: hashApiKey(secret, HASH_SECRET),
      displayPrefix: displayPrefix(secret),
      ...extra,
    });
    return { secret, key };
  }

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error as GatewayError,
    );

  it('returns the key context for a valid bearer key and records its use', async () => {
    const { secret, key } = await createKey();
    const subject = await authenticator();
    await expect(subject.authenticate(`Bearer ${secret}`)).resolves.toEqual({
      apiKeyId: key.id,
      teamId: null,
      keyPrefix: secret.slice(0, 12),
      policy: UNRESTRICTED_KEY_POLICY,
    });
    await expect(subject.authenticate(`bearer   ${secret} `)).resolves.toMatchObject({ apiKeyId: key.id });
    await subject.onModuleDestroy(); // waits for the last-use write
    expect((await keys.findById(key.id))?.lastUsedAt?.getTime()).toBe(now);
  });

  it("carries the key's policy, and refuses the key from the moment it expires even when cached", async () => {
    const expiresAt = new Date(now + 60_000);
    const { secret } = await createKey({
      expiresAt,
      allowedModels: ['mock-1'],
      rpmLimit: 60,
      tpmLimit: 10_000,
      routingStrategy: 'cost_optimized',
      guardrailPolicy: { pii: 'block' },
      scopes: ['admin', 'not-a-scope'],
    });
    const subject = await authenticator();
    await expect(subject.authenticate(`Bearer ${secret}`)).resolves.toMatchObject({
      policy: { scopes: ['admin'], allowedModels: ['mock-1'], rpmLimit: 60, tpmLimit: 10_000, routingStrategy: 'cost_optimized', guardrails: { pii: 'block' }, expiresAt },
    });
    now += 60_000;
    const error = await failure(subject.authenticate(`Bearer ${secret}`));
    expect(error).toMatchObject({ type: 'authentication_error', code: 'api_key_expired' });
  });

  it('refuses missing, malformed, unknown and revoked keys with distinct messages that never echo the key', async () => {
    const { secret, key } = await createKey();
    await keys.revoke(key.id);
    const subject = await authenticator();
    const unknownSecret = generateApiKeySecret();
    const errors = await Promise.all([
      failure(subject.authenticate(undefined)),
      failure(subject.authenticate(`Basic ${secret}`)),
      failure(subject.authenticate(`Bearer ${unknownSecret}`)),
      failure(subject.authenticate(`Bearer ${secret}`)),
    ]);
    expect(errors.map((error) => error?.type)).toEqual(Array(4).fill('authentication_error'));
    expect(errors.map((error) => error?.code)).toEqual([
      'missing_api_key',
      'invalid_authorization_header',
      'invalid_api_key',
      'api_key_revoked',
    ]);
    expect(new Set(errors.map((error) => error?.message)).size).toBe(4);
    for (const error of errors) {
      expect(error?.status).toBe(401);
      expect(error?.message).not.toContain(secret.slice(9));
      expect(error?.message).not.toContain(unknownSecret.slice(9));
    }
  });

  it('serves repeated lookups from its cache, negative ones included, until the TTL passes', async () => {
    const { secret, key } = await createKey();
    const subject = await authenticator();
    const unknownSecret = generateApiKeySecret();
    await subject.authenticate(`Bearer ${secret}`);
    await failure(subject.authenticate(`Bearer ${unknownSecret}`));
    // Changed behind the cache's back (no bus message): the cache still answers.
    await keys.revoke(key.id);
    await keys.create({
      name: 'late',
      keyHash: hashApiKey(unknownSecret, HASH_SECRET),
      displayPrefix: displayPrefix(unknownSecret),
    });
    await expect(subject.authenticate(`Bearer ${secret}`)).resolves.toMatchObject({ apiKeyId: key.id });
    expect((await failure(subject.authenticate(`Bearer ${unknownSecret}`)))?.code).toBe('invalid_api_key');

    now += 60_000;
    expect((await failure(subject.authenticate(`Bearer ${secret}`)))?.code).toBe('api_key_revoked');
    await expect(subject.authenticate(`Bearer ${unknownSecret}`)).resolves.toMatchObject({
      keyPrefix: unknownSecret.slice(0, 12),
    });
  });

  it('keeps serving known keys when Postgres cannot be reached, answers 503 for unseen ones, and still honours revocations', async () => {
    const { secret, key } = await createKey();
    const { secret: revokedSecret, key: revokedKey } = await createKey();
    // Its own connection, closed below: every query it runs then fails, as in an outage.
    const outage = await openTestDataSource({ entities: ACCOUNTS_ENTITIES, migrations: ACCOUNTS_MIGRATIONS });
    const subject = new ApiKeyAuthenticator(new ApiKeyRepository(outage.getRepository(ApiKeyEntity)), new InProcessControlChannel(CHANNELS.apiKeyRevoked, emitter), {
      hashSecret: HASH_SECRET,
      cacheTtlMs: 60_000,
      cacheMaxEntries: 100,
      now: () => now,
    });
    await subject.onModuleInit();
    authenticators.push(subject);
    await subject.authenticate(`Bearer ${secret}`);
    await subject.authenticate(`Bearer ${revokedSecret}`);
    // Let the last_used_at writes of those lookups finish: a pool closed under a running query never settles it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await outage.destroy();

    now += 120_000; // past the TTL: the store must be asked, and cannot answer
    await expect(subject.authenticate(`Bearer ${secret}`)).resolves.toMatchObject({ apiKeyId: key.id });
    const unseen = await failure(subject.authenticate(`Bearer ${generateApiKeySecret()}`));
    expect(unseen?.type).toBe('service_unavailable');
    expect(unseen?.status).toBe(503);
    await new InProcessControlChannel(CHANNELS.apiKeyRevoked, emitter).publish(revokedKey.id);
    await new Promise((resolve) => setImmediate(resolve));
    expect((await failure(subject.authenticate(`Bearer ${revokedSecret}`)))?.type).toBe('service_unavailable');
  });

  it('drops a revoked key from every replica cache as soon as the revocation is published', async () => {
    const { secret, key } = await createKey();
    const [replicaA, replicaB] = [await authenticator(), await authenticator()];
    await replicaA.authenticate(`Bearer ${secret}`);
    await replicaB.authenticate(`Bearer ${secret}`);
    await keys.revoke(key.id);
    await new InProcessControlChannel(CHANNELS.apiKeyRevoked, emitter).publish(key.id);
    expect((await failure(replicaA.authenticate(`Bearer ${secret}`)))?.code).toBe('api_key_revoked');
    expect((await failure(replicaB.authenticate(`Bearer ${secret}`)))?.code).toBe('api_key_revoked');
  });
});
