import { Injectable } from '@nestjs/common';
import { ApiKeyRepository } from '@llmgw/accounts';
import { KeyRevocationBus } from '@llmgw/auth';
import { AuditTrail } from '../../../audit/audit-trail';
import { notFound } from '../../../common/not-found';
import { type ApiKeyView, presentApiKey } from '../../api-key.presenter';
import type { RevokeApiKeyCommand } from './revoke-api-key.command';

/**
 * Revokes in Postgres (the source of truth), then tells every gateway to drop the key from
 * its cache. Revoking twice is harmless and publishes again, which helps a replica that
 * missed the first message.
 */
@Injectable()
export class RevokeApiKeyUseCase {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly revocations: KeyRevocationBus,
    private readonly trail: AuditTrail,
  ) {}

  async execute(command: RevokeApiKeyCommand): Promise<ApiKeyView> {
    const view = await this.trail.change(command.actor, async (manager) => {
      const keys = this.keys.withManager(manager);
      const before = await keys.lockById(command.apiKeyId);
      if (!before) throw notFound('API key', 'api_key_not_found');
      const after = presentApiKey((await keys.revoke(before.id))!);
      return { result: after, audit: { action: 'api_key.revoke', resourceType: 'api_key', resourceId: before.id, before: presentApiKey(before), after } };
    });
    await this.revocations.publish(view.id);
    return view;
  }
}
