import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One change made through the control plane. Append-only: the table refuses UPDATE, DELETE
 * and TRUNCATE (migration 1761000000020), and the repository has no path for either.
 */
@Entity({ name: 'audit_log' })
export class AuditLogEntity {
  /** bigint identity: insertion order, so pages stay stable while rows are appended. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  /** The admin user's id, or the `sub` of an external identity provider's token. */
  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_email', type: 'text', nullable: true })
  actorEmail!: string | null;

  /** `<resource>.<verb>`, e.g. `api_key.rotate`. */
  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'resource_type', type: 'text' })
  resourceType!: string;

  @Column({ name: 'resource_id', type: 'text', nullable: true })
  resourceId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;
}
