import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppRuntime, DISTRIBUTED_RUNTIME, gatewayEnvSchema, loadConfig, ProvidersFileSource, readProcessEnv } from '@llmgw/config';
import { maskSensitive } from '@llmgw/guardrails';
import { exitOnSignals, GatewayMetrics, GracefulDrain, installReadRefusedBodies, installRequestLogging, runApp, startAppObservability } from '@llmgw/observability';
import { ProviderRegistry } from '@llmgw/providers';
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
  // Strict at boot (a bad file refuses to start); reloaded when it changes or on an admin call.
  const providersFile = new ProvidersFileSource(config.LLM_GATEWAY_CONFIG, { env, pollIntervalMs: config.PROVIDERS_FILE_POLL_INTERVAL_MS });
  const adapter = new FastifyAdapter({
    bodyLimit: config.REQUEST_BODY_LIMIT_BYTES,
    // A caller's request id is kept when it is sane, so traces join up across services.
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestTimeout: 0,
    // Slowloris: a request head must arrive in time (checked every second). Node's default is
    // none at all once requestTimeout is 0, so such sockets stayed open forever.
    http: { headersTimeout: config.HTTP_HEADERS_TIMEOUT_MS, connectionsCheckingInterval: 1_000 },
  });
  // Before any route exists: it counts requests in flight by wrapping every route's handler.
  const drain = new GracefulDrain(adapter.getInstance());
  adapter.getInstance().addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // Every log line passes the guardrails' PII and secret masker: prompts must never reach the log.
  const { logger, tracing } = startAppObservability('gateway', config, { mask: maskSensitive });
  installRequestLogging(adapter.getInstance(), logger, { requestContext: config.LOG_REQUEST_CONTEXT });
  installReadRefusedBodies(adapter.getInstance());
  adapter.getInstance().addHook('onClose', () => tracing.shutdown());
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(config, runtime, providersFile), adapter, {
    logger,
    bufferLogs: false,
  });
  // Every catalogue model's series exist from boot, so dashboards and alerts have data at once.
  app.get(GatewayMetrics, { strict: false }).seedModels(app.get(ProviderRegistry, { strict: false }).listModels());
  // Not Nest's shutdown hooks: they stop modules before the server, so open streams would meter into closed publishers.
  if (runtime.ownsProcess) exitOnSignals(app, { drain, graceMs: config.SHUTDOWN_GRACE_MS, logger });
  await app.listen({ host: config.GATEWAY_HOST, port: config.GATEWAY_PORT });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.GATEWAY_PORT;
  const host = config.GATEWAY_HOST === '0.0.0.0' ? '127.0.0.1' : config.GATEWAY_HOST;
  return { app, url: `http://${host}:${port}` };
}

if (require.main === module) runApp('gateway', () => bootstrapGateway());
