import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { CommonConfig } from '@llmgw/config';
import type { ControlChannel } from './control-channel';
import { InProcessControlChannel } from './in-process-control-channel';
import { RedisControlChannel } from './redis-control-channel';

/** Redis pub/sub across replicas (distributed) or one process (standalone). */
export type ControlTransport = 'redis' | 'in-process';

/**
 * A Nest provider for one channel under its own token (an abstract class extending
 * ControlChannel names what the channel carries, e.g. KeyRevocationBus).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function controlChannelProvider(token: abstract new (...args: any[]) => ControlChannel, channel: string, transport: ControlTransport): Provider {
  return {
    provide: token,
    inject: [ConfigService],
    useFactory: (config: ConfigService<CommonConfig, true>): ControlChannel =>
      transport === 'redis' ? new RedisControlChannel(config.get('REDIS_URL', { infer: true }), channel) : new InProcessControlChannel(channel),
  };
}
