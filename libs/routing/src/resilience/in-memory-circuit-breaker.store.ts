import { circuitBreakerConfig, type AdmitDecision, type CallOutcome, type CircuitBreakerConfig, type CircuitData, type CircuitState, type CircuitView } from './circuit-breaker';
import { admitCircuit, initialCircuit, recordCircuit, recordCircuitSuccesses, viewCircuit } from './circuit-breaker.state';
import type { SuccessBatchingStore } from './circuit-breaker.store';
import { systemClock, type Clock } from './clock';

interface Entry {
  data: CircuitData;
  touchedAt: number;
}

/** Breakers of one process (standalone mode). Idle entries expire like the Redis keys do. */
export class InMemoryCircuitBreakerStore implements SuccessBatchingStore {
  readonly config: CircuitBreakerConfig;
  private readonly entries = new Map<string, Entry>();

  constructor(config: Partial<CircuitBreakerConfig> = {}, private readonly clock: Clock = systemClock) {
    this.config = circuitBreakerConfig(config);
  }

  admit(key: string, now: number): Promise<AdmitDecision> {
    const current = this.read(key, now);
    const step = admitCircuit(current, now, this.config);
    if (step.data !== current) this.entries.set(key, { data: step.data, touchedAt: now });
    return Promise.resolve(step.decision ?? { allowed: true, state: step.data.state });
  }

  record(key: string, outcome: CallOutcome, now: number): Promise<CircuitState> {
    const data = recordCircuit(this.read(key, now), outcome, now, this.config);
    this.entries.set(key, { data, touchedAt: now });
    return Promise.resolve(data.state);
  }

  recordSuccesses(key: string, count: number, now: number): Promise<CircuitState> {
    const data = recordCircuitSuccesses(this.read(key, now), count, now, this.config);
    this.entries.set(key, { data, touchedAt: now });
    return Promise.resolve(data.state);
  }

  snapshot(keys?: string[], now: number = this.clock.now()): Promise<Record<string, CircuitView>> {
    const names = keys ?? [...this.entries.keys()];
    const views: Record<string, CircuitView> = {};
    for (const key of names) {
      const entry = this.live(key, now);
      if (entry || keys) views[key] = viewCircuit(entry?.data ?? initialCircuit(this.config), now, this.config);
    }
    return Promise.resolve(views);
  }

  reset(key?: string): Promise<void> {
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
    return Promise.resolve();
  }

  private read(key: string, now: number): CircuitData {
    return this.live(key, now)?.data ?? initialCircuit(this.config);
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && now - entry.touchedAt >= this.config.idleTtlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
