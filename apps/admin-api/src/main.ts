import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  adminEnvSchema,
  type AppRuntime,
  DISTRIBUTED_RUNTIME,
  loadConfig,
  readProcessEnv,
} from '@llmgw/config';
import { installReadRefusedBodies, installRequestLogging, runApp, startAppObservability } from '@llmgw/observability';
import { AdminApiModule } from './admin-api.module';
import { installApiDocs } from './docs/api-docs';
import { adminCorsOptions } from './security/cors-policy';
import { openAiFrameworkErrors } from './security/framework-errors';
import { installNulGuard } from './security/nul-guard';
import { installSecurityHeaders } from './security/security-headers';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

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
  const { logger, tracing } = startAppObservability('admin-api', config);
  // Request ids are unique (the audit log records them) and a caller's sane x-request-id is kept.
  const adapter = new FastifyAdapter({
    frameworkErrors: openAiFrameworkErrors,
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  adapter.getInstance().addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  installRequestLogging(adapter.getInstance(), logger, { requestContext: config.LOG_REQUEST_CONTEXT });
  installReadRefusedBodies(adapter.getInstance());
  installSecurityHeaders(adapter.getInstance());
  installNulGuard(adapter.getInstance());
  adapter.getInstance().addHook('onClose', () => tracing.shutdown());
  const app = await NestFactory.create<NestFastifyApplication>(AdminApiModule.forRoot(config, runtime, env), adapter, { logger });
  if (runtime.ownsProcess) app.enableShutdownHooks();
  app.enableCors(adminCorsOptions(config.ADMIN_CORS_ORIGINS));
  installApiDocs(app);
  await app.listen({ host: config.ADMIN_HOST, port: config.ADMIN_PORT });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.ADMIN_PORT;
  const host = config.ADMIN_HOST === '0.0.0.0' ? '127.0.0.1' : config.ADMIN_HOST;
  const url = `http://${host}:${port}`;
  return { app, url };
}

if (require.main === module) runApp('admin-api', () => bootstrapAdminApi());
