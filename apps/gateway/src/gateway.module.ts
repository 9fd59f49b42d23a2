import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { postgresConnectionOptions } from '@llmgw/database';
import { ACCOUNTS_ENTITIES, AccountsModule } from '@llmgw/accounts';
import { CachingModule } from '@llmgw/caching';
import { GatewayAuthModule } from '@llmgw/auth';
import { AppConfigModule, type AppRuntime, type GatewayConfig, liveGenerationOverrides, liveRoutingRules, type ProvidersFileSource } from '@llmgw/config';
import { HealthModule, MetricsModule } from '@llmgw/observability';
import { ProvidersModule } from '@llmgw/providers';
import { RoutingModule } from '@llmgw/routing';
import { RequestLogsProducerModule, UsageProducerModule } from '@llmgw/usage';
import { ApiKeyGuard } from './auth/api-key.guard';
import { XApiKeyGuard } from './auth/x-api-key.guard';
import { BootstrapApiKeyService } from './bootstrap/bootstrap-api-key.service';
import { ChatCompletionsController } from './chat/chat-completions.controller';
import { GatewayExceptionFilter } from './errors/gateway-exception.filter';
import { ProvidersHealthIndicator } from './health/providers.health';
import { EmbeddingsController } from './embeddings/embeddings.controller';
import { MessagesController } from './messages/messages.controller';
import { ModelsController } from './models/models.controller';
import { RouteCacheResetOnReload } from './models/route-cache-reset.listener';
import { RouterController } from './router/router.controller';
import { GatewayLimitsModule } from './limits/gateway-limits.module';
import { GenerateController } from './generate/generate.controller';
import { CacheController } from './cache/cache.controller';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, runtime: AppRuntime, providersFile?: ProvidersFileSource): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        AppConfigModule.forRoot(config),
        TypeOrmModule.forRoot(postgresConnectionOptions(config, ACCOUNTS_ENTITIES)),
        AccountsModule,
        GatewayAuthModule.forRoot({ revocationBus: runtime.distributed ? 'redis' : 'in-process' }),
        ProvidersModule.forRoot({ providersFile, controlTransport: runtime.distributed ? 'redis' : 'in-process' }),
        UsageProducerModule.forRoot({ transport: runtime.distributed ? 'bullmq' : 'in-process' }),
        RequestLogsProducerModule.forRoot({ transport: runtime.distributed ? 'bullmq' : 'in-process' }),
        MetricsModule.forRoot({ defaultMetrics: true }),
        GatewayLimitsModule.forRoot({ distributed: runtime.distributed }),
        RoutingModule.forRoot({
          breakerStore: runtime.distributed ? 'redis' : 'in-memory',
          rules: providersFile ? liveRoutingRules(providersFile) : undefined,
          generation: providersFile ? liveGenerationOverrides(providersFile) : undefined,
        }),
        CachingModule.forRoot({ store: runtime.distributed ? 'redis' : 'in-memory' }),
        HealthModule.forRoot({
          redisUrl: runtime.distributed ? config.REDIS_URL : null,
          readinessIndicators: [ProvidersHealthIndicator],
        }),
      ],
      controllers: [RouterController, ChatCompletionsController, GenerateController, EmbeddingsController, MessagesController, ModelsController, CacheController],
      providers: [
        { provide: APP_FILTER, useValue: new GatewayExceptionFilter() },
        ApiKeyGuard,
        XApiKeyGuard,
        BootstrapApiKeyService,
        RouteCacheResetOnReload,
      ],
    };
  }
}
