import { ControlChannel } from '@llmgw/control-bus';

/**
 * The channel that tells every gateway replica a key changed (revoked, rotated, new limits),
 * so it drops the key from its cache. Also the Nest injection token. The cache TTL bounds
 * staleness when a message is lost.
 */
export abstract class KeyRevocationBus extends ControlChannel {}
