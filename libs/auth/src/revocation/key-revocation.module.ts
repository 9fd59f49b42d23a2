import { type DynamicModule, Module } from '@nestjs/common';
import { CHANNELS } from '@llmgw/contracts';
import { controlChannelProvider, type ControlTransport } from '@llmgw/control-bus';
import { KeyRevocationBus } from './key-revocation.bus';

export type RevocationTransport = ControlTransport;

/** Provides `KeyRevocationBus`: Redis pub/sub (distributed) or one process (standalone). */
@Module({})
export class KeyRevocationModule {
  static forRoot(transport: RevocationTransport): DynamicModule {
    return {
      module: KeyRevocationModule,
      providers: [controlChannelProvider(KeyRevocationBus, CHANNELS.apiKeyRevoked, transport)],
      exports: [KeyRevocationBus],
    };
  }
}
