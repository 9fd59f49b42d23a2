import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ControlChannel } from '@llmgw/control-bus';
import { BudgetDirectory } from './budget.directory';

/** The control channel on which "budgets changed" reaches every gateway replica. Also the Nest token. */
export abstract class BudgetChangeChannel extends ControlChannel {}

/**
 * Drops the gateway's cached budgets when an admin changes one, so a new or lowered limit applies
 * within a second everywhere; the directory's TTL (BUDGET_CACHE_TTL_MS) covers a lost message.
 */
@Injectable()
export class BudgetChangeListener implements OnModuleInit, OnModuleDestroy {
  private unsubscribe: (() => Promise<void>) | null = null;

  constructor(
    private readonly channel: BudgetChangeChannel,
    private readonly directory: BudgetDirectory,
  ) {}

  async onModuleInit(): Promise<void> {
    this.unsubscribe = await this.channel.subscribe(() => this.directory.invalidate());
  }

  async onModuleDestroy(): Promise<void> {
    await this.unsubscribe?.();
  }
}
