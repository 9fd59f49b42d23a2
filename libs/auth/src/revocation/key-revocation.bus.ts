export type RevocationHandler = (apiKeyId: string) => void;

/**
 * Port: tells every gateway replica that a key was revoked so it drops it from its cache.
 * Also the Nest injection token. Delivery is best effort: the cache TTL bounds staleness.
 */
export abstract class KeyRevocationBus {
  abstract publish(apiKeyId: string): Promise<void>;
  /** Resolves once the handler will receive later publications; returns an unsubscribe. */
  abstract subscribe(handler: RevocationHandler): Promise<() => Promise<void>>;
  abstract close(): Promise<void>;
}
