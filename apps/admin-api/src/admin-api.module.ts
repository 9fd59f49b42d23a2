import { CachingModule } from '@llmgw/caching';
import { CHANNELS } from '@llmgw/contracts';
import { controlChannelProvider } from '@llmgw/control-bus';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { postgresConnectionOptions } from '@llmgw/database';
import { ACCOUNTS_ENTITIES, AccountsModule } from '@llmgw/accounts';
import { AdminAuthModule, KeyRevocationModule } from '@llmgw/auth';
import { type AdminConfig, AppConfigModule, type AppRuntime, DISTRIBUTED_RUNTIME, ProvidersFileSource } from '@llmgw/config';
import { ProvidersModule } from '@llmgw/providers';
import { HealthModule, MetricsModule, OpenAiExceptionFilter } from '@llmgw/observability';
import { circuitBreakerAdminStoreProvider } from '@llmgw/routing';
import { BudgetChangeChannel, BudgetSpendReader, USAGE_ENTITIES, RequestLogsQueryModule, UsageDeadLetterModule, UsageReportingModule } from '@llmgw/usage';
import { AuditLogController } from './audit/audit-log.controller';
import { AuditTrail } from './audit/audit-trail';
import { AuthController } from './auth/auth.controller';
import { BudgetsController } from './budgets/budgets.controller';
import { CacheAdminController } from './cache/cache-admin.controller';
import { BudgetStatusService } from './budgets/budget-status.service';
import { BudgetsService } from './budgets/budgets.service';
import { BootstrapAdminService } from './bootstrap/bootstrap-admin.service';
import { CircuitBreakersController } from './circuit-breakers/circuit-breakers.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardAssets } from './dashboard/dashboard.assets';
import { ADMIN_CONFIG, ADMIN_ENV, EffectiveConfigController } from './config-view/effective-config.controller';
import { KeysController } from './keys/keys.controller';
import { RequestLogsController } from './logs/request-logs.controller';
import { CreateApiKeyUseCase } from './keys/usecases/create-api-key';
import { RevokeApiKeyUseCase } from './keys/usecases/revoke-api-key';
import { RotateApiKeyUseCase } from './keys/usecases/rotate-api-key';
import { UpdateApiKeyUseCase } from './keys/usecases/update-api-key';
import { AdminHttpMetrics, adminHttpRequestsProvider } from './metrics/admin-http.metrics';
import { GatewayStatusClient } from './providers/gateway-status.client';
import { ProviderStatusController } from './providers/provider-status.controller';
import { ProvidersAdminController } from './providers/providers-admin.controller';
import { TeamsController } from './teams/teams.controller';
import { TeamsService } from './teams/teams.service';
import { AdminUsersController } from './users/admin-users.controller';
import { AdminUsersService } from './users/admin-users.service';
import { UsageController } from './usage/usage.controller';
import { UsageDeadLettersController } from './usage/usage-dead-letters.controller';
import { UsageReportsController } from './usage/usage-reports.controller';

// Every controller of the control plane; the roles walk test checks each route's guards.
const CONTROL_PLANE_CONTROLLERS = [KeysController, TeamsController, AdminUsersController, AuditLogController, ProviderStatusController, ProvidersAdminController, EffectiveConfigController, BudgetsController, CacheAdminController];

/** The control plane: admin login, API keys, teams, users, audit log, usage reports, health and metrics. */
@Module({})
export class AdminApiModule {
  static forRoot(
    config: AdminConfig,
    runtime: AppRuntime = DISTRIBUTED_RUNTIME,
    env: Record<string, string | undefined> = {},
  ): DynamicModule {
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
        CachingModule.forRoot({ store: runtime.distributed ? 'redis' : 'in-memory' }),
        UsageReportingModule,
        RequestLogsQueryModule,
        UsageDeadLetterModule.forRoot({ transport: runtime.distributed ? 'bullmq' : 'in-process' }),
        // Process metrics once per process: standalone mode runs three apps in one.
        MetricsModule.forRoot({ defaultMetrics: runtime.ownsProcess }),
        HealthModule.forRoot({ redisUrl: runtime.distributed ? config.REDIS_URL : null }),
        // Its own adapters from the gateway's provider variables: lists, tests and health as seen from here;
        // alerts go to the webhook from the gateway only. Reloads reach every gateway over the control channel.
        ProvidersModule.forRoot({
          providersFile: new ProvidersFileSource(config.LLM_GATEWAY_CONFIG, { env, pollIntervalMs: config.PROVIDERS_FILE_POLL_INTERVAL_MS }),
          controlTransport: runtime.distributed ? 'redis' : 'in-process',
          healthMonitor: { alertWebhook: false },
        }),
      ],
      controllers: [AuthController, ...CONTROL_PLANE_CONTROLLERS, UsageController, UsageReportsController, UsageDeadLettersController, RequestLogsController, CircuitBreakersController, ...(config.ADMIN_DASHBOARD_ENABLED ? [DashboardController] : [])],
      providers: [
        { provide: APP_FILTER, useValue: new OpenAiExceptionFilter('admin API') },
        { provide: ADMIN_CONFIG, useValue: config },
        { provide: ADMIN_ENV, useValue: env },
        AuditTrail,
        CreateApiKeyUseCase,
        UpdateApiKeyUseCase,
        RevokeApiKeyUseCase,
        RotateApiKeyUseCase,
        TeamsService,
        AdminUsersService,
        BudgetsService,
        controlChannelProvider(BudgetChangeChannel, CHANNELS.budgetsChanged, runtime.distributed ? 'redis' : 'in-process'),
        BudgetStatusService,
        BudgetSpendReader,
        DashboardAssets,
        GatewayStatusClient,
        BootstrapAdminService,
        adminHttpRequestsProvider,
        AdminHttpMetrics,
        circuitBreakerAdminStoreProvider(runtime.distributed ? 'redis' : 'in-memory'),
      ],
    };
  }
}
