export type ControlMessageHandler = (message: string) => void;

/**
 * Port: one named channel of control-plane messages that every replica must hear (a key
 * changed, the route cache was cleared, ...). Delivery is best effort, so every consumer also
 * has a bound on staleness of its own (a cache TTL, a periodic reconcile).
 */
export abstract class ControlChannel {
  abstract publish(message: string): Promise<void>;
  /** Resolves once the handler will receive later publications; returns an unsubscribe. */
  abstract subscribe(handler: ControlMessageHandler): Promise<() => Promise<void>>;
  abstract close(): Promise<void>;
}
