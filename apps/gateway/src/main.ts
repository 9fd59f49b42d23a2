import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppRuntime, DISTRIBUTED_RUNTIME, gatewayEnvSchema, loadConfig, loadProvidersFile, readProcessEnv } from '@llmgw/config';
import { createAppLogger, runApp } from '@llmgw/observability';
import { GatewayModule } from './gateway.module';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export interface RunningGateway {
  app: NestFastifyApplication;
  url: string;
}

/** Boots the data plane. The configuration is validated before Nest starts. */
export async function bootstrapGateway(
  env: Record<string, string | undefined> = readProcessEnv(),
  runtime: AppRuntime = DISTRIBUTED_RUNTIME,
): Promise<RunningGateway> {
  const config = loadConfig(gatewayEnvSchema, env);
  const providersFile = loadProvidersFile(config.LLM_GATEWAY_CONFIG);
  const adapter = new FastifyAdapter({
    bodyLimit: config.REQUEST_BODY_LIMIT_BYTES,
    // A caller's request id is kept when it is sane, so traces join up across services.
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestTimeout: 0,
  });
  adapter.getInstance().addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(config, runtime, providersFile), adapter, {
    logger: createAppLogger('gateway', config.LOG_LEVEL),
    bufferLogs: false,
  });
  if (runtime.ownsProcess) app.enableShutdownHooks();
  await app.listen({ host: config.GATEWAY_HOST, port: config.GATEWAY_PORT });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.GATEWAY_PORT;
  const host = config.GATEWAY_HOST === '0.0.0.0' ? '127.0.0.1' : config.GATEWAY_HOST;
  return { app, url: `http://${host}:${port}` };
}

if (require.main === module) runApp('gateway', () => bootstrapGateway());
