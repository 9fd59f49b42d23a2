import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiKeyRepository, displayPrefix, generateApiKeySecret, hashApiKey, TeamRepository } from '@llmgw/accounts';
import type { AdminConfig } from '@llmgw/config';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '../../../audit/audit-trail';
import { assertTeamExists, toApiKeyPatch } from '../../api-key.patch';
import { type CreatedApiKey, presentApiKey } from '../../api-key.presenter';
import type { CreateApiKeyCommand } from './create-api-key.command';

/** Makes a new key and hands its secret back once; only the keyed hash is stored. */
@Injectable()
export class CreateApiKeyUseCase {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly teams: TeamRepository,
    private readonly trail: AuditTrail,
    private readonly config: ConfigService<AdminConfig, true>,
  ) {}

  execute(command: CreateApiKeyCommand): Promise<CreatedApiKey> {
    return this.trail.change(command.actor, async (manager) => {
      const created = await this.createWithin(manager, command);
      const { key: _secret, ...view } = created;
      return { result: created, audit: { action: 'api_key.create', resourceType: 'api_key', resourceId: created.id, before: null, after: view } };
    });
  }

  /** The insert alone, inside a caller's transaction (rotation creates the successor this way). */
  async createWithin(manager: EntityManager, command: CreateApiKeyCommand): Promise<CreatedApiKey> {
    await assertTeamExists(this.teams, manager, command.input.team_id);
    const secret = generateApiKeySecret();
    const patch = toApiKeyPatch(command.input);
    const key = await this.keys.withManager(manager).create({
      ...patch,
      name: command.input.name,
      keyHash: hashApiKey(secret, this.config.get('API_KEY_HASH_SECRET', { infer: true })),
      displayPrefix: displayPrefix(secret),
      createdBy: command.actor.email,
      rotatedFrom: command.rotatedFrom ?? null,
    });
    return { ...presentApiKey(key), key: secret };
  }
}
