import type { UsageBatch } from '@llmgw/contracts';
import type { InProcessUsageHub } from './in-process-usage.hub';
import type { UsageTransport } from '../producer/usage-transport';

/** Standalone mode's transport: hands batches to the in-process hub; delivery is asynchronous. */
export class InProcessUsageTransport implements UsageTransport {
  constructor(private readonly hub: InProcessUsageHub) {}

  async send(batch: UsageBatch): Promise<void> {
    this.hub.enqueue(batch);
  }
}
