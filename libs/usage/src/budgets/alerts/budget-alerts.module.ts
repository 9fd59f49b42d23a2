import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { CostTrackerConfig } from '@llmgw/config';
import type { DataSource } from 'typeorm';
import { AlertWebhookSender } from './alert-webhook.sender';
import { BudgetAlertEvaluator } from './budget-alert.evaluator';
import { BUDGET_ALERT_EVALUATOR, BUDGET_ALERTS_QUEUE, BudgetAlertProcessor } from './budget-alert.processor';
import { InProcessBudgetAlerts } from './in-process-budget-alerts';

export interface BudgetAlertsModuleOptions {
  /** `bullmq` (distributed: a job scheduler on the worker's Redis) or `in-process` (standalone: a timer). */
  transport: 'bullmq' | 'in-process';
}

/**
 * The cost tracker's budget alerts. Needs the global `AppConfigModule`, a TypeORM connection,
 * and, for `bullmq`, the worker's `BullModule.forRoot` connection (UsageConsumerModule sets it).
 */
@Module({})
export class BudgetAlertsModule {
  static forRoot(options: BudgetAlertsModuleOptions): DynamicModule {
    const evaluator: Provider = {
      provide: BUDGET_ALERT_EVALUATOR,
      inject: [getDataSourceToken(), ConfigService],
      useFactory: (dataSource: DataSource, config: ConfigService<CostTrackerConfig, true>) => {
        const url = config.get('ALERT_WEBHOOK_URL', { infer: true });
        const timeoutMs = config.get('ALERT_WEBHOOK_TIMEOUT_MS', { infer: true });
        return new BudgetAlertEvaluator(dataSource, {
          maxDailyCostNanoUsd: config.get('MAX_DAILY_COST', { infer: true }),
          webhook: url ? new AlertWebhookSender(url, timeoutMs) : null,
          maxAttempts: config.get('ALERT_WEBHOOK_ATTEMPTS', { infer: true }),
          claimMs: timeoutMs * 2 + 5_000,
        });
      },
    };
    if (options.transport === 'in-process') {
      return { module: BudgetAlertsModule, providers: [evaluator, InProcessBudgetAlerts], exports: [BUDGET_ALERT_EVALUATOR] };
    }
    return {
      module: BudgetAlertsModule,
      imports: [BullModule.registerQueue({ name: BUDGET_ALERTS_QUEUE })],
      providers: [evaluator, BudgetAlertProcessor],
      exports: [BUDGET_ALERT_EVALUATOR],
    };
  }
}
