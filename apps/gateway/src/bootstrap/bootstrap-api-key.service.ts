import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiKeyRepository } from '@llmgw/accounts';
import type { GatewayConfig } from '@llmgw/config';

/** `BOOTSTRAP_API_KEY` makes sure a key with that secret exists (demos, scripts, tests). */
@Injectable()
export class BootstrapApiKeyService implements OnApplicationBootstrap {
  private readonly logger = new Logger('BootstrapApiKey');

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly config: ConfigService<GatewayConfig, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const secret = this.config.get('BOOTSTRAP_API_KEY', { infer: true });
    if (!secret) return;
    await this.keys.ensureBootstrapKey(secret, this.config.get('API_KEY_HASH_SECRET', { infer: true }));
    this.logger.log('bootstrap API key is present');
  }
}
