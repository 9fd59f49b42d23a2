import type { OnApplicationShutdown } from '@nestjs/common';
import type { GatewayMetrics } from '@llmgw/observability';
import type { AdmitDecision, CallOutcome, CircuitState, CircuitView } from './circuit-breaker';
import type { CircuitBreakerStore } from './circuit-breaker.store';

/**
 * A breaker store that reports every state it sees to the `circuit_breaker_state` gauge: what a
 * replica admits or records is what it shows, so Prometheus sees an open circuit as soon as any
 * replica trips it or is refused by it.
 */
export class ObservedCircuitBreakerStore implements CircuitBreakerStore, OnApplicationShutdown {
  constructor(
    private readonly inner: CircuitBreakerStore,
    private readonly metrics: Pick<GatewayMetrics, 'setBreakerState'>,
  ) {}

  async admit(key: string, now: number): Promise<AdmitDecision> {
    const decision = await this.inner.admit(key, now);
    this.report(key, decision.state);
    return decision;
  }

  async record(key: string, outcome: CallOutcome, now: number): Promise<CircuitState> {
    const state = await this.inner.record(key, outcome, now);
    this.report(key, state);
    return state;
  }

  async snapshot(keys?: string[], now?: number): Promise<Record<string, CircuitView>> {
    const views = await this.inner.snapshot(keys, now);
    for (const [key, view] of Object.entries(views)) this.report(key, view.state);
    return views;
  }

  async reset(key?: string): Promise<void> {
    await this.inner.reset(key);
    if (key) this.report(key, 'closed');
  }

  /** Nest calls lifecycle hooks on this wrapper: pass shutdown on so the inner store closes its connection. */
  async onApplicationShutdown(): Promise<void> {
    await (this.inner as Partial<OnApplicationShutdown>).onApplicationShutdown?.();
  }

  private report(key: string, state: CircuitState): void {
    const separator = key.indexOf(':');
    if (separator > 0) this.metrics.setBreakerState(key.slice(0, separator), key.slice(separator + 1), state);
  }
}
