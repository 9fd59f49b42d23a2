import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { displayPrefix, hashApiKey } from '../secrets/api-key.secret';

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
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Data access for `api_keys`. Callers hash secrets; this class never sees one, except the bootstrap key. */
@Injectable()
export class ApiKeyRepository {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

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
   * bootstrap key that was revoked stays revoked.
   */
  async ensureBootstrapKey(secret: string, hashSecret: string): Promise<ApiKeyEntity> {
    const keyHash = hashApiKey(secret, hashSecret);
    await this.keys
      .createQueryBuilder()
      .insert()
      .values({ name: 'bootstrap', keyHash, displayPrefix: displayPrefix(secret), createdBy: 'bootstrap' })
      .orIgnore()
      .execute();
    return this.keys.findOneByOrFail({ keyHash });
  }
}
