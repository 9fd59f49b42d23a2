import { Injectable } from '@nestjs/common';
import { ApiKeyRepository } from '@llmgw/accounts';
import { KeyRevocationBus } from '@llmgw/auth';
import { GatewayError } from '@llmgw/contracts';
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
  ) {}

  async execute(command: RevokeApiKeyCommand): Promise<ApiKeyView> {
    const key = await this.keys.revoke(command.apiKeyId);
    if (!key)
      throw new GatewayError('not_found_error', 'No API key has this id.', { param: 'id', code: 'api_key_not_found' });
    await this.revocations.publish(key.id);
    return presentApiKey(key);
  }
}
