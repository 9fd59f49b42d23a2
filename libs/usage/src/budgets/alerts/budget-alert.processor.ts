import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { CostTrackerConfig } from '@llmgw/config';
import type { Queue } from 'bullmq';
import type { BudgetAlertEvaluator, EvaluationResult } from './budget-alert.evaluator';

export const BUDGET_ALERTS_QUEUE = 'budget-alerts';
export const BUDGET_ALERT_EVALUATOR = Symbol('BUDGET_ALERT_EVALUATOR');
const JOB = 'evaluate-budgets';

/**
 * Budget alerts as a BullMQ job scheduler (every BUDGET_ALERT_INTERVAL_MS): one schedule however
 * many workers register it, one worker runs each evaluation; racing ones would still alert once.
 */
@Processor(BUDGET_ALERTS_QUEUE, { concurrency: 1 })
export class BudgetAlertProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(BudgetAlertProcessor.name);

  constructor(
    @Inject(BUDGET_ALERT_EVALUATOR) private readonly evaluator: BudgetAlertEvaluator,
    private readonly config: ConfigService<CostTrackerConfig, true>,
    @InjectQueue(BUDGET_ALERTS_QUEUE) private readonly queue: Queue,
  ) {
    super();
    queue.on('error', (error) => this.logger.error(`budget alerts queue error: ${error.message}`));
  }

  // Not awaited: with Redis down at boot the worker must still start.
  onApplicationBootstrap(): void {
    const every = this.config.get('BUDGET_ALERT_INTERVAL_MS', { infer: true });
    this.queue
      .upsertJobScheduler(JOB, { every }, { name: JOB, opts: { removeOnComplete: 20, removeOnFail: 50 } })
      .catch((error: unknown) => this.logger.error(`budget alerts not scheduled: ${error instanceof Error ? error.message : String(error)}`));
  }

  process(): Promise<EvaluationResult> {
    return this.evaluator.evaluate();
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.error(`budget alerts worker error: ${error.message}`);
  }
}
