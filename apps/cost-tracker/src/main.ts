import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppRuntime, costTrackerEnvSchema, loadConfig, readProcessEnv } from '@llmgw/config';
import { QUEUES } from '@llmgw/contracts';
import { installRequestLogging, runApp, startAppObservability, startWorkerQueueMetrics, WorkerMetrics } from '@llmgw/observability';
import { CostTrackerModule } from './cost-tracker.module';

export interface CostTrackerRunOptions extends Partial<AppRuntime> {
  /** How usage batches arrive; defaults to `bullmq`, or `in-process` when `distributed` is false. */
  transport?: 'bullmq' | 'in-process';
}

export interface RunningCostTracker {
  app: NestFastifyApplication;
  url: string;
}

/** Boots the usage worker and its small HTTP server. The configuration is validated before Nest starts. */
export async function bootstrapCostTracker(
  env: Record<string, string | undefined> = readProcessEnv(),
  options: CostTrackerRunOptions = {},
): Promise<RunningCostTracker> {
  const config = loadConfig(costTrackerEnvSchema, env);
  const transport = options.transport ?? (options.distributed === false ? 'in-process' : 'bullmq');
  const ownsProcess = options.ownsProcess ?? true;
  const { logger, tracing } = startAppObservability('cost-tracker', config);
  const adapter = new FastifyAdapter();
  installRequestLogging(adapter.getInstance(), logger, { requestContext: config.LOG_REQUEST_CONTEXT });
  adapter.getInstance().addHook('onClose', () => tracing.shutdown());
  const app = await NestFactory.create<NestFastifyApplication>(
    CostTrackerModule.forRoot(config, { transport, defaultMetrics: ownsProcess }),
    adapter,
    { logger, bufferLogs: false },
  );
  // The worker's series (queue depth and lag included) exist from boot; with BullMQ, queue
  // gauges are read from Redis at each scrape.
  const workerMetrics = new WorkerMetrics();
  if (transport === 'bullmq') {
    const queueMetrics = startWorkerQueueMetrics(workerMetrics, { redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, queues: Object.values(QUEUES) });
    adapter.getInstance().addHook('onClose', () => queueMetrics.close());
  }
  // SIGTERM closes the app: the BullMQ worker finishes its current jobs, then the pool closes.
  if (ownsProcess) app.enableShutdownHooks();
  await app.listen({ host: config.COST_TRACKER_HOST, port: config.COST_TRACKER_PORT });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.COST_TRACKER_PORT;
  const host = config.COST_TRACKER_HOST === '0.0.0.0' ? '127.0.0.1' : config.COST_TRACKER_HOST;
  return { app, url: `http://${host}:${port}` };
}

if (require.main === module) runApp('cost-tracker', () => bootstrapCostTracker());
