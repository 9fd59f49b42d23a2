import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, type Repository } from 'typeorm';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { displayPrefix, hashApiKey } from '../secrets/api-key.secret';
import { likeContains, type Page, type PageRequest } from './page';

export interface NewApiKey {
  name: string;
  keyHash: string;
  displayPrefix: string;
  teamId?: string | null;
  createdBy?: string | null;
  expiresAt?: Date | null;
  allowedModels?: string[] | null;
  rpmLimit?: number | null;
  tpmLimit?: number | null;
  routingStrategy?: string | null;
  guardrailPolicy?: Record<string, unknown> | null;
  scopes?: string[];
  metadata?: Record<string, unknown>;
  rotatedFrom?: string | null;
}

/** What an admin may change on an existing key (the hash and prefix never change). */
export type ApiKeyPatch = Partial<
  Pick<
    ApiKeyEntity,
    'name' | 'teamId' | 'expiresAt' | 'allowedModels' | 'rpmLimit' | 'tpmLimit' | 'routingStrategy' | 'guardrailPolicy' | 'scopes' | 'metadata'
  >
>;

export interface ApiKeyFilter {
  teamId?: string;
  revoked?: boolean;
  /** Expired at `now` (keys without an expiry never are). */
  expired?: boolean;
  /** Substring of the name, case-insensitive. */
  name?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Data access for `api_keys`. Callers hash secrets; this class never sees one, except the bootstrap key. */
@Injectable()
export class ApiKeyRepository {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  /** The same repository inside a caller's transaction. */
  withManager(manager: EntityManager): ApiKeyRepository {
    return new ApiKeyRepository(manager.getRepository(ApiKeyEntity));
  }

  async create(input: NewApiKey): Promise<ApiKeyEntity> {
    const saved = await this.keys.save(
      this.keys.create({
        name: input.name,
        keyHash: input.keyHash,
        displayPrefix: input.displayPrefix,
        teamId: input.teamId ?? null,
        createdBy: input.createdBy ?? null,
        expiresAt: input.expiresAt ?? null,
        allowedModels: input.allowedModels ?? null,
        rpmLimit: input.rpmLimit ?? null,
        tpmLimit: input.tpmLimit ?? null,
        routingStrategy: input.routingStrategy ?? null,
        guardrailPolicy: input.guardrailPolicy ?? null,
        scopes: input.scopes ?? [],
        metadata: input.metadata ?? {},
        rotatedFrom: input.rotatedFrom ?? null,
      }),
    );
    return this.keys.findOneByOrFail({ id: saved.id });
  }

  /** The key with this hash, revoked or not (the authenticator tells the two apart). */
  findByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ keyHash });
  }

  findActiveByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ keyHash, revokedAt: IsNull() });
  }

  findById(id: string): Promise<ApiKeyEntity | null> {
    return UUID.test(id) ? this.keys.findOneBy({ id }) : Promise.resolve(null);
  }

  /** Newest first. */
  list(options: { teamId?: string } = {}): Promise<ApiKeyEntity[]> {
    return this.keys.find({
      where: options.teamId ? { teamId: options.teamId } : {},
      order: { createdAt: 'DESC', id: 'ASC' },
    });
  }

  /** Newest first. */
  async page(filter: ApiKeyFilter, page: PageRequest, now: Date = new Date()): Promise<Page<ApiKeyEntity>> {
    const query = this.keys.createQueryBuilder('key');
    if (filter.teamId !== undefined) query.andWhere('key.team_id = :teamId', { teamId: filter.teamId });
    if (filter.revoked !== undefined) query.andWhere(`key.revoked_at IS ${filter.revoked ? 'NOT ' : ''}NULL`);
    if (filter.expired === true) query.andWhere('key.expires_at <= :now', { now });
    if (filter.expired === false) query.andWhere('(key.expires_at IS NULL OR key.expires_at > :now)', { now });
    if (filter.name !== undefined) query.andWhere('key.name ILIKE :name', { name: likeContains(filter.name) });
    const [items, total] = await query
      .orderBy('key.created_at', 'DESC')
      .addOrderBy('key.id', 'ASC')
      .skip(page.offset)
      .take(page.limit)
      .getManyAndCount();
    return { items, total };
  }

  /** Reads the key and locks its row until the caller's transaction ends (rotate, update). */
  lockById(id: string): Promise<ApiKeyEntity | null> {
    if (!UUID.test(id)) return Promise.resolve(null);
    return this.keys.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Applies the patch and returns the key, or null when no key has this id. */
  async update(id: string, patch: ApiKeyPatch): Promise<ApiKeyEntity | null> {
    if (!UUID.test(id)) return null;
    // jsonb columns defeat TypeORM's deep-partial type; ApiKeyPatch is the real contract.
    if (Object.keys(patch).length > 0)
      await this.keys.update({ id }, patch as Parameters<Repository<ApiKeyEntity>['update']>[1]);
    return this.keys.findOneBy({ id });
  }

  /** Brings the expiry forward to `at` (never later than one already set): the rotation overlap. */
  async expireBy(id: string, at: Date): Promise<void> {
    await this.keys
      .createQueryBuilder()
      .update()
      .set({ expiresAt: () => 'LEAST(COALESCE(expires_at, :at), :at)' })
      .setParameter('at', at)
      .where('id = :id', { id })
      .execute();
  }

  /**
   * Sets `revoked_at` (once: revoking again keeps the first time) and returns the key, or
   * null when no key has this id.
   */
  async revoke(id: string, at: Date = new Date()): Promise<ApiKeyEntity | null> {
    if (!UUID.test(id)) return null;
    await this.keys
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'COALESCE(revoked_at, :at)' })
      .setParameter('at', at)
      .where('id = :id', { id })
      .execute();
    return this.keys.findOneBy({ id });
  }

  async markUsed(id: string, at: Date = new Date()): Promise<void> {
    await this.keys.update({ id }, { lastUsedAt: at });
  }

  /**
   * Makes sure a key with this secret exists (BOOTSTRAP_API_KEY). Safe when several processes
   * boot at once: the unique hash plus ON CONFLICT DO NOTHING leaves exactly one row, and a
   * bootstrap key that was revoked stays revoked. It is the operator's key: it has the admin scope.
   */
  async ensureBootstrapKey(secret: string, hashSecret: string): Promise<ApiKeyEntity> {
    const keyHash = hashApiKey(secret, hashSecret);
    await this.keys
      .createQueryBuilder()
      .insert()
      .values({ name: 'bootstrap', keyHash, displayPrefix: displayPrefix(secret), createdBy: 'bootstrap', scopes: ['admin'] })
      .orIgnore()
      .execute();
    return this.keys.findOneByOrFail({ keyHash });
  }
}
