import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiKeyRepository, type Page, type PageRequest, TeamRepository } from '@llmgw/accounts';
import { GatewayError } from '@llmgw/contracts';
import { BudgetChangeChannel, BudgetEntity, BudgetRepository, type BudgetPeriod, type BudgetScope } from '@llmgw/usage';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail';
import type { AuditActor } from '../common/audit-actor';
import { presentBudget, type BudgetView } from './budget.presenter';
import type { CreateBudgetInput, UpdateBudgetInput } from './budget.schemas';

export const budgetNotFound = () => new GatewayError('not_found_error', 'No budget has this id.', { param: 'id', code: 'budget_not_found' });

/** The usage lib's repository (its validation included) on the audit trail's transaction. */
function budgetsIn(manager: EntityManager): BudgetRepository {
  // BudgetRepository only calls getRepository(), which an EntityManager has with the same meaning.
  return new BudgetRepository(manager as unknown as DataSource);
}

/**
 * Budgets CRUD; every change is audited in the same transaction. Gateways pick changes up when
 * their BudgetDirectory cache expires (seconds), so no control message is sent.
 */
@Injectable()
export class BudgetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
    private readonly changes: BudgetChangeChannel,
    private readonly keys: ApiKeyRepository,
    private readonly teams: TeamRepository,
  ) {}

  async page(filter: { scope?: BudgetScope | undefined; scopeId?: string | undefined; period?: BudgetPeriod | undefined }, page: PageRequest): Promise<Page<BudgetEntity>> {
    const where = Object.fromEntries(Object.entries({ scope: filter.scope, scopeId: filter.scopeId, period: filter.period }).filter(([, value]) => value !== undefined));
    const [items, total] = await this.dataSource.getRepository(BudgetEntity).findAndCount({
      where,
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: page.offset,
      take: page.limit,
    });
    return { items, total };
  }

  async get(id: string): Promise<BudgetView> {
    const budget = await new BudgetRepository(this.dataSource).findById(id);
    if (!budget) throw budgetNotFound();
    return presentBudget(budget);
  }

  async create(actor: AuditActor, input: CreateBudgetInput): Promise<BudgetView> {
    await this.requireScope(input.scope, input.scopeId);
    return this.announced(this.trail.change(actor, async (manager) => {
      const created = presentBudget(await budgetsIn(manager).create(input));
      return { result: created, audit: { action: 'budget.create', resourceType: 'budget', resourceId: created.id, before: null, after: created } };
    }));
  }

  update(actor: AuditActor, id: string, changes: UpdateBudgetInput): Promise<BudgetView> {
    return this.announced(this.trail.change(actor, async (manager) => {
      const budgets = budgetsIn(manager);
      const before = await budgets.findById(id);
      if (!before) throw budgetNotFound();
      const beforeView = presentBudget(before);
      const updated = await budgets.update(id, changes);
      if (!updated) throw budgetNotFound();
      const after = presentBudget(updated);
      return { result: after, audit: { action: 'budget.update', resourceType: 'budget', resourceId: id, before: beforeView, after } };
    }));
  }

  delete(actor: AuditActor, id: string): Promise<BudgetView & { deleted: true }> {
    return this.announced(this.trail.change(actor, async (manager) => {
      const budgets = budgetsIn(manager);
      const before = await budgets.findById(id);
      if (!before || !(await budgets.delete(id))) throw budgetNotFound();
      const gone = presentBudget(before);
      return { result: { ...gone, deleted: true as const }, audit: { action: 'budget.delete', resourceType: 'budget', resourceId: id, before: gone, after: null } };
    }));
  }

  /** After the commit, every gateway re-reads its budgets (within a second, not the cache TTL). */
  private async announced<T>(change: Promise<T>): Promise<T> {
    const result = await change;
    await this.changes.publish('budgets');
    return result;
  }

  /** A budget for a key or team that does not exist would never be spent against: refuse it. */
  private async requireScope(scope: BudgetScope, scopeId: string): Promise<void> {
    const found = scope === 'key' ? await this.keys.findById(scopeId) : await this.teams.findById(scopeId);
    if (!found)
      throw new GatewayError('invalid_request_error', `scope_id: no ${scope === 'key' ? 'API key' : 'team'} has this id.`, {
        param: 'scope_id',
        code: 'budget_scope_not_found',
      });
  }
}
