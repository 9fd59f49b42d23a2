export { ControlChannel } from './control-channel';
export type { ControlMessageHandler } from './control-channel';
export { RedisControlChannel } from './redis-control-channel';
export { InProcessControlChannel } from './in-process-control-channel';
export { controlChannelProvider } from './control-channel.provider';
export type { ControlTransport } from './control-channel.provider';
