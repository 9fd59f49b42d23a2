import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const BUDGET_SCOPES = ['key', 'team'] as const;
export type BudgetScope = (typeof BUDGET_SCOPES)[number];
export const BUDGET_PERIODS = ['daily', 'monthly'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];
export const BUDGET_ENFORCEMENTS = ['hard', 'soft'] as const;
export type BudgetEnforcement = (typeof BUDGET_ENFORCEMENTS)[number];

export const DEFAULT_ALERT_THRESHOLDS: readonly number[] = [50, 80, 100];

/** Converts Postgres `bigint` (a string to the driver) to a safe integer and back. */
const nanoUsdColumn = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * A spending limit for one API key or team over a UTC day or month. Hard budgets refuse requests
 * on the gateway; soft ones only alert. Limits stay below 2^53 nano-USD (~9 million USD).
 */
@Entity({ name: 'budgets' })
export class BudgetEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  scope!: BudgetScope;

  /** The API key's or the team's id. */
  @Column({ name: 'scope_id', type: 'uuid' })
  scopeId!: string;

  @Column({ type: 'text' })
  period!: BudgetPeriod;

  @Column({ name: 'limit_nano_usd', type: 'bigint', transformer: nanoUsdColumn })
  limitNanoUsd!: number;

  @Column({ type: 'text' })
  enforcement!: BudgetEnforcement;

  /** Percentages of the limit that raise an alert once per period. */
  @Column({ name: 'alert_thresholds', type: 'int', array: true, default: () => "'{50,80,100}'" })
  alertThresholds!: number[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
