import { Injectable } from '@nestjs/common';
import { ApiKeyRepository, TeamRepository } from '@llmgw/accounts';
import { KeyRevocationBus } from '@llmgw/auth';
import { AuditTrail } from '../../../audit/audit-trail';
import { notFound } from '../../../common/not-found';
import { assertTeamExists, toApiKeyPatch } from '../../api-key.patch';
import { type ApiKeyView, presentApiKey } from '../../api-key.presenter';
import type { UpdateApiKeyCommand } from './update-api-key.command';

/**
 * Changes a key's policy (limits, models, expiry, team...). Gateways cache keys, so the
 * change is published on the same bus as revocations: every replica re-reads the key.
 */
@Injectable()
export class UpdateApiKeyUseCase {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly teams: TeamRepository,
    private readonly revocations: KeyRevocationBus,
    private readonly trail: AuditTrail,
  ) {}

  async execute(command: UpdateApiKeyCommand): Promise<ApiKeyView> {
    const view = await this.trail.change(command.actor, async (manager) => {
      const keys = this.keys.withManager(manager);
      const before = await keys.lockById(command.apiKeyId);
      if (!before) throw notFound('API key', 'api_key_not_found');
      await assertTeamExists(this.teams, manager, command.input.team_id);
      const after = presentApiKey((await keys.update(before.id, toApiKeyPatch(command.input)))!);
      return { result: after, audit: { action: 'api_key.update', resourceType: 'api_key', resourceId: before.id, before: presentApiKey(before), after } };
    });
    await this.revocations.publish(view.id);
    return view;
  }
}
