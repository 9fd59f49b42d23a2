import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { CommonConfig } from '@llmgw/config';
import { InProcessKeyRevocationBus } from './in-process-key-revocation.bus';
import { KeyRevocationBus } from './key-revocation.bus';
import { RedisKeyRevocationBus } from './redis-key-revocation.bus';

export type RevocationTransport = 'redis' | 'in-process';

/** Provides `KeyRevocationBus`: Redis pub/sub (distributed) or one process (standalone). */
@Module({})
export class KeyRevocationModule {
  static forRoot(transport: RevocationTransport): DynamicModule {
    return {
      module: KeyRevocationModule,
      providers: [
        {
          provide: KeyRevocationBus,
          inject: [ConfigService],
          useFactory: (config: ConfigService<CommonConfig, true>) =>
            transport === 'redis'
              ? new RedisKeyRevocationBus(config.get('REDIS_URL', { infer: true }))
              : new InProcessKeyRevocationBus(),
        },
      ],
      exports: [KeyRevocationBus],
    };
  }
}
