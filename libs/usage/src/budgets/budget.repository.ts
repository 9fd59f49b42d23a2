import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GatewayError } from '@llmgw/contracts';
import type { DataSource, Repository } from 'typeorm';
import { BudgetEntity, DEFAULT_ALERT_THRESHOLDS, type BudgetEnforcement, type BudgetPeriod, type BudgetScope } from './budget.entity';

export interface BudgetInput {
  scope: BudgetScope;
  scopeId: string;
  period: BudgetPeriod;
  limitNanoUsd: number;
  enforcement: BudgetEnforcement;
  alertThresholds?: readonly number[];
}

/** Budgets as data: what the admin API's CRUD endpoints and the alert evaluator read and write. */
@Injectable()
export class BudgetRepository {
  private readonly budgets: Repository<BudgetEntity>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.budgets = dataSource.getRepository(BudgetEntity);
  }

  list(filter: { scope?: BudgetScope; scopeId?: string; enforcement?: BudgetEnforcement } = {}): Promise<BudgetEntity[]> {
    return this.budgets.find({ where: filter, order: { createdAt: 'ASC' } });
  }

  findById(id: string): Promise<BudgetEntity | null> {
    return this.budgets.findOneBy({ id });
  }

  /** Every budget (a deployment has a handful to thousands): what the gateway caches. */
  all(): Promise<BudgetEntity[]> {
    return this.budgets.find();
  }

  create(input: BudgetInput): Promise<BudgetEntity> {
    validate(input);
    return this.budgets.save(this.budgets.create({ ...input, alertThresholds: normaliseThresholds(input.alertThresholds) }));
  }

  /** Null when no such budget. */
  async update(id: string, changes: Partial<BudgetInput>): Promise<BudgetEntity | null> {
    const budget = await this.findById(id);
    if (!budget) return null;
    const next = { ...budget, ...changes, alertThresholds: normaliseThresholds(changes.alertThresholds ?? budget.alertThresholds) };
    validate(next);
    return this.budgets.save(next);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.budgets.delete({ id });
    return (result.affected ?? 0) > 0;
  }
}

function validate(input: Pick<BudgetInput, 'limitNanoUsd'>): void {
  if (!Number.isSafeInteger(input.limitNanoUsd) || input.limitNanoUsd <= 0) {
    throw new GatewayError('invalid_request_error', 'limit_nano_usd must be a positive integer below 2^53 (about 9 million USD)', {
      param: 'limit_nano_usd',
    });
  }
}

function normaliseThresholds(thresholds: readonly number[] = DEFAULT_ALERT_THRESHOLDS): number[] {
  if (thresholds.some((value) => !Number.isInteger(value) || value <= 0 || value > 1000)) {
    throw new GatewayError('invalid_request_error', 'alert_thresholds must be whole percentages between 1 and 1000', { param: 'alert_thresholds' });
  }
  return [...new Set(thresholds)].sort((a, b) => a - b);
}
