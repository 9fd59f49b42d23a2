import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditLogEntity } from '../entities/audit-log.entity';
import type { Page, PageRequest } from './page';

export interface NewAuditEntry {
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

export interface AuditLogFilter {
  /** Matches the actor's id or email (exact, emails case-insensitively). */
  actor?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  from?: Date;
  to?: Date;
}

/** Data access for `audit_log`: append and read, nothing else (the table refuses the rest). */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectRepository(AuditLogEntity) private readonly entries: Repository<AuditLogEntity>) {}

  /** The same repository inside a caller's transaction, so a change and its entry commit together. */
  withManager(manager: EntityManager): AuditLogRepository {
    return new AuditLogRepository(manager.getRepository(AuditLogEntity));
  }

  async append(entry: NewAuditEntry): Promise<void> {
    await this.entries.createQueryBuilder().insert().values(entry as Parameters<Repository<AuditLogEntity>['insert']>[0]).execute();
  }

  /** Newest first. */
  async page(filter: AuditLogFilter, page: PageRequest): Promise<Page<AuditLogEntity>> {
    const query = this.entries.createQueryBuilder('entry');
    if (filter.actor !== undefined)
      query.andWhere('(entry.actor_id = :actor OR entry.actor_email = lower(:actor))', { actor: filter.actor });
    if (filter.action !== undefined) query.andWhere('entry.action = :action', { action: filter.action });
    if (filter.resourceType !== undefined)
      query.andWhere('entry.resource_type = :resourceType', { resourceType: filter.resourceType });
    if (filter.resourceId !== undefined) query.andWhere('entry.resource_id = :resourceId', { resourceId: filter.resourceId });
    if (filter.from !== undefined) query.andWhere('entry.occurred_at >= :from', { from: filter.from });
    if (filter.to !== undefined) query.andWhere('entry.occurred_at < :to', { to: filter.to });
    const [items, total] = await query
      .orderBy('entry.occurred_at', 'DESC')
      .addOrderBy('entry.id', 'DESC')
      .skip(page.offset)
      .take(page.limit)
      .getManyAndCount();
    return { items, total };
  }
}
