import type { ProvidersOpsMetrics } from '../ops/providers-ops.metrics';
import type { KeyRing, ProviderKeyStatus } from './key-ring';

/** Every keyed provider's key ring, for reports (labels only) and the keys-in-rotation gauge. */
export class ProviderKeyRings {
  readonly rings = new Map<string, KeyRing>();

  constructor(private readonly metrics: ProvidersOpsMetrics | null = null) {}

  status(provider: string): ProviderKeyStatus[] {
    return this.rings.get(provider)?.snapshot() ?? [];
  }

  /** Keys come back on their own after the cooldown: refreshed after each rejection and health round. */
  refreshMetrics(): void {
    for (const [provider, ring] of this.rings) this.metrics?.keysInRotation.set({ provider }, ring.inRotation());
  }
}
