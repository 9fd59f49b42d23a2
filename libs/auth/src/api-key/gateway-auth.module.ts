import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AccountsModule } from '@llmgw/accounts';
import type { GatewayConfig } from '@llmgw/config';
import { KeyRevocationModule, type RevocationTransport } from '../revocation/key-revocation.module';
import { API_KEY_AUTH_OPTIONS, type ApiKeyAuthOptions } from './api-key-auth.options';
import { ApiKeyAuthenticator } from './api-key.authenticator';

export interface GatewayAuthModuleOptions {
  revocationBus: RevocationTransport;
}

const CACHE_MAX_ENTRIES = 10_000;

/**
 * API-key authentication for the gateway. Needs the global ConfigService (AppConfigModule)
 * with a GatewayConfig and a TypeORM connection that lists ACCOUNTS_ENTITIES.
 */
@Module({})
export class GatewayAuthModule {
  static forRoot(options: GatewayAuthModuleOptions): DynamicModule {
    return {
      module: GatewayAuthModule,
      imports: [AccountsModule, KeyRevocationModule.forRoot(options.revocationBus)],
      providers: [
        {
          provide: API_KEY_AUTH_OPTIONS,
          inject: [ConfigService],
          useFactory: (config: ConfigService<GatewayConfig, true>): ApiKeyAuthOptions => ({
            hashSecret: config.get('API_KEY_HASH_SECRET', { infer: true }),
            cacheTtlMs: config.get('API_KEY_CACHE_TTL_MS', { infer: true }),
            cacheMaxEntries: CACHE_MAX_ENTRIES,
          }),
        },
        ApiKeyAuthenticator,
      ],
      exports: [ApiKeyAuthenticator, KeyRevocationModule],
    };
  }
}
