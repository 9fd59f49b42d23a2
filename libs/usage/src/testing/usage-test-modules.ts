import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DynamicModule, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigModule, costTrackerEnvSchema, gatewayEnvSchema, loadConfig } from '@llmgw/config';
import { UsageConsumerModule, type UsageConsumerModuleOptions } from '../consumer/usage-consumer.module';
import { UsageProducerModule } from '../producer/usage-producer.module';
import { USAGE_ENTITIES } from '../records/usage.schema';
import type { TestServices } from './usage-test-database';

// Test wiring of the two sides of the usage pipeline, exactly as the apps wire them.
// (@nestjs/testing is not installed: a plain application context does the same job.)

export interface PipelineServices extends TestServices {
  queuePrefix: string;
}

@Module({})
class TestRootModule {}

function boot(imports: DynamicModule['imports']): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext({ module: TestRootModule, imports }, { logger: ['error', 'warn'] });
}

/** The gateway's side, on the given services. */
export function startProducer(
  services: PipelineServices,
  transport: 'bullmq' | 'in-process',
  env: Record<string, string> = {},
): Promise<INestApplicationContext> {
  // The outbox file goes to a private temporary directory unless the test names one.
  const dataDir = path.join(tmpdir(), `llmgw-usage-${services.queuePrefix}`);
  const config = loadConfig(gatewayEnvSchema, { REDIS_URL: services.redisUrl, QUEUE_PREFIX: services.queuePrefix, DATA_DIR: dataDir, ...env });
  return boot([AppConfigModule.forRoot(config), UsageProducerModule.forRoot({ transport })]);
}

/** The cost-tracker's side, on the given services. */
export function startConsumer(
  services: PipelineServices,
  options: UsageConsumerModuleOptions,
  env: Record<string, string> = {},
): Promise<INestApplicationContext> {
  const config = loadConfig(costTrackerEnvSchema, {
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    QUEUE_PREFIX: services.queuePrefix,
    ...env,
  });
  return boot([
    AppConfigModule.forRoot(config),
    TypeOrmModule.forRoot({ type: 'postgres', url: config.DATABASE_URL, entities: USAGE_ENTITIES, poolSize: 2, migrationsRun: false }),
    UsageConsumerModule.forRoot(options),
  ]);
}
