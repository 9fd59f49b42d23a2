import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  adminEnvSchema,
  type AppRuntime,
  DISTRIBUTED_RUNTIME,
  loadConfig,
  readProcessEnv,
} from '@llmgw/config';
import { createAppLogger, runApp } from '@llmgw/observability';
import { AdminApiModule } from './admin-api.module';

export interface RunningAdminApi {
  app: NestFastifyApplication;
  url: string;
}

/** Boots the control plane. The configuration is validated before Nest starts. */
export async function bootstrapAdminApi(
  env: Record<string, string | undefined> = readProcessEnv(),
  runtime: AppRuntime = DISTRIBUTED_RUNTIME,
): Promise<RunningAdminApi> {
  const config = loadConfig(adminEnvSchema, env);
  const app = await NestFactory.create<NestFastifyApplication>(
    AdminApiModule.forRoot(config, runtime),
    new FastifyAdapter(),
    {
      logger: createAppLogger('admin-api', config.LOG_LEVEL),
    },
  );
  if (runtime.ownsProcess) app.enableShutdownHooks();
  await app.listen({ host: config.ADMIN_HOST, port: config.ADMIN_PORT });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.ADMIN_PORT;
  const host = config.ADMIN_HOST === '0.0.0.0' ? '127.0.0.1' : config.ADMIN_HOST;
  const url = `http://${host}:${port}`;
  return { app, url };
}

if (require.main === module) runApp('admin-api', () => bootstrapAdminApi());
