/** What the worker's queue gauges report, read at scrape time. */
export interface QueueSnapshot {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  /** Age of the oldest waiting job in seconds (0 when none waits): the ingestion lag. */
  oldestWaitingAgeSeconds: number;
}

export type QueueProbe = () => Promise<QueueSnapshot[]>;

/** The part of a BullMQ `Queue` the probe needs (structural, so this lib does not own queues). */
export interface ProbedQueue {
  name: string;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
  getWaiting(start?: number, end?: number): Promise<Array<{ timestamp: number } | undefined>>;
}

/** A probe over BullMQ queues: one `getJobCounts` and one `getWaiting(0, 0)` per queue per scrape. */
export function bullmqQueueProbe(queues: readonly ProbedQueue[], now: () => number = Date.now): QueueProbe {
  return async () =>
    Promise.all(
      queues.map(async (queue) => {
        const [counts, oldest] = await Promise.all([queue.getJobCounts('waiting', 'active', 'delayed', 'failed'), queue.getWaiting(0, 0)]);
        const enqueuedAt = oldest[0]?.timestamp;
        return {
          queue: queue.name,
          waiting: counts['waiting'] ?? 0,
          active: counts['active'] ?? 0,
          delayed: counts['delayed'] ?? 0,
          failed: counts['failed'] ?? 0,
          oldestWaitingAgeSeconds: enqueuedAt === undefined ? 0 : Math.max(0, (now() - enqueuedAt) / 1000),
        };
      }),
    );
}
