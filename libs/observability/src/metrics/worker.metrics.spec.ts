import { Registry } from 'prom-client';
import { bullmqQueueProbe, type ProbedQueue } from './queue-probe';
import { WorkerMetrics } from './worker.metrics';

describe('WorkerMetrics', () => {
  it('starts every series at zero for the given queues and budget scope types', async () => {
    const registry = new Registry();
    new WorkerMetrics({ registry, queues: ['usage-events'] });
    const text = await registry.metrics();
    expect(text).toContain('llmgw_worker_events_ingested_total 0');
    expect(text).toContain('llmgw_worker_dead_letters_total 0');
    expect(text).toContain('llmgw_worker_queue_jobs{queue="usage-events",state="waiting"} 0');
    expect(text).toContain('llmgw_worker_queue_lag_seconds{queue="usage-events"} 0');
    expect(text).toContain('llmgw_worker_budget_utilization_ratio{scope_type="team"} 0');
  });

  it('shares its series when constructed twice on one registry (standalone boots the worker more than once)', async () => {
    const registry = new Registry();
    const first = new WorkerMetrics({ registry, queues: [] });
    const second = new WorkerMetrics({ registry, queues: [] });
    first.batchWritten({ inserted: 3, duplicates: 1 }, 0.02);
    second.batchWritten({ inserted: 2, duplicates: 0 }, 0.01);
    second.batchFailed('error');
    second.recordDeadLetter();
    const text = await registry.metrics();
    expect(text).toContain('llmgw_worker_events_ingested_total 5');
    expect(text).toContain('llmgw_worker_duplicate_events_total 1');
    expect(text).toContain('llmgw_worker_batch_duration_seconds_count 2');
    expect(text).toContain('llmgw_worker_batches_failed_total{reason="error"} 1');
    expect(text).toContain('llmgw_worker_dead_letters_total 1');
  });

  it('reads queue depth and lag through a probe at scrape time', async () => {
    const registry = new Registry();
    const metrics = new WorkerMetrics({ registry, queues: [] });
    let waiting = 4;
    const queue: ProbedQueue = {
      name: 'usage-events',
      getJobCounts: async () => ({ waiting, active: 1, delayed: 0, failed: 2 }),
      getWaiting: async () => [{ timestamp: 1_000 }],
    };
    metrics.useQueueProbe(bullmqQueueProbe([queue], () => 31_000));
    expect(await registry.metrics()).toContain('llmgw_worker_queue_jobs{queue="usage-events",state="waiting"} 4');
    waiting = 0;
    const text = await registry.metrics();
    expect(text).toContain('llmgw_worker_queue_jobs{queue="usage-events",state="waiting"} 0');
    expect(text).toContain('llmgw_worker_queue_jobs{queue="usage-events",state="failed"} 2');
    expect(text).toContain('llmgw_worker_queue_lag_seconds{queue="usage-events"} 30');
  });

  it('keeps the last values when the probe fails, and reports no lag for an empty queue', async () => {
    const registry = new Registry();
    const metrics = new WorkerMetrics({ registry, queues: [] });
    metrics.setQueueSnapshot({ queue: 'q', waiting: 7, active: 0, delayed: 0, failed: 0, oldestWaitingAgeSeconds: 3 });
    metrics.useQueueProbe(async () => {
      throw new Error('redis down');
    });
    expect(await registry.metrics()).toContain('llmgw_worker_queue_jobs{queue="q",state="waiting"} 7');
    const empty: ProbedQueue = { name: 'q', getJobCounts: async () => ({}), getWaiting: async () => [] };
    expect(await bullmqQueueProbe([empty])()).toEqual([{ queue: 'q', waiting: 0, active: 0, delayed: 0, failed: 0, oldestWaitingAgeSeconds: 0 }]);
  });
});
