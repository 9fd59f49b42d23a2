import { ControlChannel } from '@llmgw/control-bus';

/** The control channel on which "clear your routing decisions" reaches every replica. Also the Nest token. */
export abstract class RouteCacheChannel extends ControlChannel {}
