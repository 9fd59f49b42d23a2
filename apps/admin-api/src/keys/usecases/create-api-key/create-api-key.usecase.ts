import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiKeyRepository, displayPrefix, generateApiKeySecret, hashApiKey } from '@llmgw/accounts';
import type { AdminConfig } from '@llmgw/config';
import { GatewayError } from '@llmgw/contracts';
import { QueryFailedError } from 'typeorm';
import type { CreateApiKeyCommand, CreatedApiKey } from './create-api-key.command';

const FOREIGN_KEY_VIOLATION = '23503';

/** Makes a new key and hands its secret back once; only the keyed hash is stored. */
@Injectable()
export class CreateApiKeyUseCase {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly config: ConfigService<AdminConfig, true>,
  ) {}

  async execute(command: CreateApiKeyCommand): Promise<CreatedApiKey> {
    const secret = generateApiKeySecret();
    try {
      const key = await this.keys.create({
        name: command.name,
        keyHash: hashApiKey(secret, this.config.get('API_KEY_HASH_SECRET', { infer: true })),
        displayPrefix: displayPrefix(secret),
        teamId: command.teamId,
        createdBy: command.createdBy,
      });
      return {
        id: key.id,
        name: key.name,
        key: secret,
        display_prefix: key.displayPrefix,
        team_id: key.teamId,
        created_at: key.createdAt.toISOString(),
      };
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === FOREIGN_KEY_VIOLATION
      ) {
        throw new GatewayError('invalid_request_error', 'team_id: no team has this id', {
          param: 'team_id',
          code: 'unknown_team',
          cause: error,
        });
      }
      throw error;
    }
  }
}
