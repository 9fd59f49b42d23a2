import { Injectable } from '@nestjs/common';
import { AuditLogRepository } from '@llmgw/accounts';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditActor } from '../common/audit-actor';
import { auditSnapshot } from './audit-snapshot';

/** What changed: `<resource>.<verb>`, the resource, and its views before and after. */
export interface AuditRecord {
  action: string;
  resourceType: 'api_key' | 'team' | 'admin_user' | 'circuit_breaker' | 'budget' | 'cache';
  resourceId: string | null;
  before: object | null;
  after: object | null;
}

/**
 * Every change of the control plane goes through here. Database changes run in one
 * transaction with their audit entry, so there is never a change without its entry (nor an
 * entry for a change that rolled back).
 */
@Injectable()
export class AuditTrail {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLogRepository,
  ) {}

  change<T>(
    actor: AuditActor,
    work: (manager: EntityManager) => Promise<{ result: T; audit: AuditRecord | AuditRecord[] }>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const { result, audit } = await work(manager);
      const repository = this.audit.withManager(manager);
      for (const record of Array.isArray(audit) ? audit : [audit]) await this.appendWith(repository, actor, record);
      return result;
    });
  }

  /** For changes outside Postgres (circuit breakers live in Redis): recorded after the fact. */
  record(actor: AuditActor, audit: AuditRecord): Promise<void> {
    return this.appendWith(this.audit, actor, audit);
  }

  private appendWith(repository: AuditLogRepository, actor: AuditActor, audit: AuditRecord): Promise<void> {
    return repository.append({
      actorId: actor.id,
      actorEmail: actor.email,
      action: audit.action,
      resourceType: audit.resourceType,
      resourceId: audit.resourceId,
      before: auditSnapshot(audit.before),
      after: auditSnapshot(audit.after),
      requestId: actor.requestId,
    });
  }
}
