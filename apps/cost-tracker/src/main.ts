import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppRuntime, costTrackerEnvSchema, loadConfig, readProcessEnv } from '@llmgw/config';
import { createAppLogger, runApp } from '@llmgw/observability';
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
  const app = await NestFactory.create<NestFastifyApplication>(
    CostTrackerModule.forRoot(config, { transport, defaultMetrics: ownsProcess }),
    new FastifyAdapter(),
    { logger: createAppLogger('cost-tracker', config.LOG_LEVEL), bufferLogs: false },
  );
  // SIGTERM closes the app: the BullMQ worker finishes its current jobs, then the pool closes.
  if (ownsProcess) app.enableShutdownHooks();
  await app.listen({ host: config.COST_TRACKER_HOST, port: config.COST_TRACKER_PORT });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.COST_TRACKER_PORT;
  const host = config.COST_TRACKER_HOST === '0.0.0.0' ? '127.0.0.1' : config.COST_TRACKER_HOST;
  return { app, url: `http://${host}:${port}` };
}

if (require.main === module) runApp('cost-tracker', () => bootstrapCostTracker());
