import { Queue } from 'bullmq';
import { bullmqQueueProbe } from './queue-probe';
import type { WorkerMetrics } from './worker.metrics';

export interface WorkerQueueMetricsOptions {
  redisUrl: string;
  prefix: string;
  queues: readonly string[];
}

/**
 * Feeds the worker's queue depth and lag gauges from BullMQ at scrape time, over a fail-fast
 * connection of its own (a scrape must not wait for a Redis that is down). Close on shutdown.
 */
export function startWorkerQueueMetrics(metrics: WorkerMetrics, options: WorkerQueueMetricsOptions): { close(): Promise<void> } {
  const queues = options.queues.map(
    (name) =>
      new Queue(name, {
        prefix: options.prefix,
        connection: { url: options.redisUrl, enableOfflineQueue: false, maxRetriesPerRequest: 1, disconnectTimeout: 200 },
      }),
  );
  for (const queue of queues) queue.on('error', () => undefined); // the probe reports failures itself
  metrics.useQueueProbe(bullmqQueueProbe(queues));
  return {
    async close() {
      await Promise.all(queues.map((queue) => queue.close()));
    },
  };
}
