import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { postgresConnectionOptions } from '@llmgw/database';
import { ACCOUNTS_ENTITIES, AccountsModule } from '@llmgw/accounts';
import { AdminAuthModule, KeyRevocationModule } from '@llmgw/auth';
import { type AdminConfig, AppConfigModule, type AppRuntime, DISTRIBUTED_RUNTIME } from '@llmgw/config';
import { HealthModule, MetricsModule, OpenAiExceptionFilter } from '@llmgw/observability';
import { circuitBreakerAdminStoreProvider } from '@llmgw/routing';
import { USAGE_ENTITIES, UsageReportingModule } from '@llmgw/usage';
import { AuthController } from './auth/auth.controller';
import { BootstrapAdminService } from './bootstrap/bootstrap-admin.service';
import { CircuitBreakersController } from './circuit-breakers/circuit-breakers.controller';
import { KeysController } from './keys/keys.controller';
import { CreateApiKeyUseCase } from './keys/usecases/create-api-key';
import { RevokeApiKeyUseCase } from './keys/usecases/revoke-api-key';
import { AdminHttpMetrics, adminHttpRequestsProvider } from './metrics/admin-http.metrics';
import { UsageController } from './usage/usage.controller';

/** The control plane: admin login, API keys, usage reports, health and metrics. */
@Module({})
export class AdminApiModule {
  static forRoot(config: AdminConfig, runtime: AppRuntime = DISTRIBUTED_RUNTIME): DynamicModule {
    return {
      module: AdminApiModule,
      imports: [
        AppConfigModule.forRoot(config),
        TypeOrmModule.forRoot(postgresConnectionOptions(config, [...ACCOUNTS_ENTITIES, ...USAGE_ENTITIES])),
        // Login attempts only (the guard sits on that route); counted per replica in memory.
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: config.ADMIN_LOGIN_ATTEMPTS_PER_MINUTE }]),
        AccountsModule,
        AdminAuthModule,
        KeyRevocationModule.forRoot(runtime.distributed ? 'redis' : 'in-process'),
        UsageReportingModule,
        // Process metrics once per process: standalone mode runs three apps in one.
        MetricsModule.forRoot({ defaultMetrics: runtime.ownsProcess }),
        HealthModule.forRoot({ redisUrl: runtime.distributed ? config.REDIS_URL : null }),
      ],
      controllers: [AuthController, KeysController, UsageController, CircuitBreakersController],
      providers: [
        { provide: APP_FILTER, useValue: new OpenAiExceptionFilter('admin API') },
        CreateApiKeyUseCase,
        RevokeApiKeyUseCase,
        BootstrapAdminService,
        adminHttpRequestsProvider,
        AdminHttpMetrics,
        circuitBreakerAdminStoreProvider(runtime.distributed ? 'redis' : 'in-memory'),
      ],
    };
  }
}
