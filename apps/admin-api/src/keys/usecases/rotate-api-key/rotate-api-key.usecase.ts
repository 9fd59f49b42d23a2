import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiKeyRepository } from '@llmgw/accounts';
import { KeyRevocationBus } from '@llmgw/auth';
import type { AdminConfig } from '@llmgw/config';
import { GatewayError } from '@llmgw/contracts';
import { AuditTrail } from '../../../audit/audit-trail';
import { notFound } from '../../../common/not-found';
import { presentApiKey } from '../../api-key.presenter';
import type { CreateApiKeyInput } from '../../api-key.schemas';
import { CreateApiKeyUseCase } from '../create-api-key';
import type { RotateApiKeyCommand, RotatedApiKey } from './rotate-api-key.command';

/**
 * Issues a successor with the same policy and a new secret, and lets the old secret work for
 * an overlap window by bringing its expires_at forward (never later than it already was), so
 * callers can switch without downtime. The old row is locked meanwhile: concurrent rotations
 * of one key run one after the other.
 */
@Injectable()
export class RotateApiKeyUseCase {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly creator: CreateApiKeyUseCase,
    private readonly revocations: KeyRevocationBus,
    private readonly trail: AuditTrail,
    private readonly config: ConfigService<AdminConfig, true>,
  ) {}

  async execute(command: RotateApiKeyCommand): Promise<RotatedApiKey> {
    const now = new Date();
    const defaultOverlap: number = this.config.get('KEY_ROTATION_OVERLAP_SECONDS', { infer: true });
    const overlapSeconds = command.input.overlap_seconds ?? defaultOverlap;
    const rotated = await this.trail.change(command.actor, async (manager) => {
      const keys = this.keys.withManager(manager);
      const old = await keys.lockById(command.apiKeyId);
      if (!old) throw notFound('API key', 'api_key_not_found');
      if (old.revokedAt) throw refused('This API key is revoked: create a new key instead.', 'api_key_revoked');
      if (old.expiresAt && old.expiresAt.getTime() <= now.getTime())
        throw refused('This API key has expired: create a new key instead.', 'api_key_expired');
      const successor = await this.creator.createWithin(manager, {
        actor: command.actor,
        rotatedFrom: old.id,
        input: {
          name: old.name,
          team_id: old.teamId,
          expires_at: command.input.expires_at !== undefined ? command.input.expires_at : old.expiresAt,
          allowed_models: old.allowedModels,
          rpm_limit: old.rpmLimit,
          tpm_limit: old.tpmLimit,
          routing_strategy: old.routingStrategy,
          guardrail_policy: old.guardrailPolicy,
          scopes: old.scopes as CreateApiKeyInput['scopes'],
          metadata: old.metadata,
        },
      });
      await keys.expireBy(old.id, new Date(now.getTime() + overlapSeconds * 1000));
      const previous = presentApiKey((await keys.findById(old.id))!, now);
      const { key: _secret, ...successorView } = successor;
      return {
        result: { ...successor, previous },
        audit: [
          { action: 'api_key.rotate', resourceType: 'api_key', resourceId: old.id, before: presentApiKey(old, now), after: { ...previous, replaced_by: successor.id } },
          { action: 'api_key.create', resourceType: 'api_key', resourceId: successor.id, before: null, after: successorView },
        ],
      };
    });
    await this.revocations.publish(rotated.previous.id);
    return rotated;
  }
}

function refused(message: string, code: string): GatewayError {
  return new GatewayError('invalid_request_error', message, { param: 'id', code });
}
