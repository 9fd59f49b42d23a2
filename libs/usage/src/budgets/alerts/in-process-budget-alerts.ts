import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { CostTrackerConfig } from '@llmgw/config';
import type { BudgetAlertEvaluator } from './budget-alert.evaluator';
import { BUDGET_ALERT_EVALUATOR } from './budget-alert.processor';

/** Standalone mode (no Redis): the same evaluation on a timer in this process. */
@Injectable()
export class InProcessBudgetAlerts implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(InProcessBudgetAlerts.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    @Inject(BUDGET_ALERT_EVALUATOR) private readonly evaluator: BudgetAlertEvaluator,
    private readonly config: ConfigService<CostTrackerConfig, true>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run(), this.config.get('BUDGET_ALERT_INTERVAL_MS', { infer: true }));
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.evaluator.evaluate();
    } catch (error) {
      this.logger.error(`budget alerts failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running = false;
    }
  }
}
