import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One crossed threshold of one budget period, recorded once (unique budget, period, threshold)
 * and then delivered to the webhook. `budget_id` is null for the global MAX_DAILY_COST alert.
 */
@Entity({ name: 'budget_alerts' })
export class BudgetAlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'budget_id', type: 'uuid', nullable: true })
  budgetId!: string | null;

  @Column({ name: 'period_start', type: 'timestamptz' })
  periodStart!: Date;

  @Column({ type: 'int' })
  threshold!: number;

  @Column({ name: 'spent_nano_usd', type: 'bigint' })
  spentNanoUsd!: string;

  @Column({ name: 'limit_nano_usd', type: 'bigint' })
  limitNanoUsd!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'delivery_attempts', type: 'int', default: 0 })
  deliveryAttempts!: number;

  /** A worker is delivering it until then (so racing workers do not post it twice). */
  @Column({ name: 'delivery_claimed_until', type: 'timestamptz', nullable: true })
  deliveryClaimedUntil!: Date | null;

  @Column({ name: 'delivery_error', type: 'text', nullable: true })
  deliveryError!: string | null;
}
