/**
 * Whether a provider may be routed to now. Implemented by the health monitor; the registry and
 * the router ask it. An unknown provider is available.
 */
export abstract class ProviderAvailability {
  abstract isAvailable(providerId: string): boolean;
}
