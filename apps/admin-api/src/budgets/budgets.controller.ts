import { Body, Controller, Delete, Get, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JwtAuthGuard, Roles, RolesGuard } from '@llmgw/auth';
import { Actor, type AuditActor } from '../common/audit-actor';
import { listResponse, type ListResponse } from '../common/list.query';
import { ApiZodBody, ApiZodQuery } from '../docs/zod-openapi';
import { parseRequest } from '../validation/parse-request';
import { type BudgetView, presentBudget } from './budget.presenter';
import { budgetIdSchema, budgetListQuerySchema, budgetStatusQuerySchema, createBudgetSchema, updateBudgetSchema } from './budget.schemas';
import { type BudgetStatus, BudgetStatusService } from './budget-status.service';
import { budgetNotFound, BudgetsService } from './budgets.service';

/** A malformed id matches no budget: 404 like an unknown one (and never a Postgres cast error). */
function budgetId(id: string): string {
  if (!budgetIdSchema.safeParse(id).success) throw budgetNotFound();
  return id;
}

@ApiTags('budgets')
@ApiBearerAuth()
@Controller('admin/budgets')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin', 'viewer')
export class BudgetsController {
  constructor(
    private readonly budgets: BudgetsService,
    private readonly burn: BudgetStatusService,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a budget for a key or a team (limit_usd "12.50" or limit_nano_usd "12500000000")' })
  @ApiZodBody(createBudgetSchema)
  create(@Body() body: unknown, @Actor() actor: AuditActor): Promise<BudgetView> {
    return this.budgets.create(actor, parseRequest(createBudgetSchema, body));
  }

  @Get()
  @ApiOperation({ summary: 'List budgets, oldest first (filters: scope, scope_id, period)' })
  @ApiZodQuery(budgetListQuerySchema)
  async list(@Query() query: unknown): Promise<ListResponse<BudgetView>> {
    const input = parseRequest(budgetListQuerySchema, query);
    return listResponse(await this.budgets.page({ scope: input.scope, scopeId: input.scope_id, period: input.period }, input), input, presentBudget);
  }

  @Get('status')
  @ApiOperation({ summary: 'Budget burn: spend this period and percent used per budget, and the latest alerts' })
  @ApiZodQuery(budgetStatusQuerySchema)
  status(@Query() query: unknown): Promise<BudgetStatus> {
    const input = parseRequest(budgetStatusQuerySchema, query);
    return this.burn.status({ scope: input.scope, scopeId: input.scope_id }, input.alerts);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a budget' })
  get(@Param('id') id: string): Promise<BudgetView> {
    return this.budgets.get(budgetId(id));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change a budget (limit, period, enforcement, alert thresholds)' })
  @ApiZodBody(updateBudgetSchema)
  update(@Param('id') id: string, @Body() body: unknown, @Actor() actor: AuditActor): Promise<BudgetView> {
    return this.budgets.update(actor, budgetId(id), parseRequest(updateBudgetSchema, body));
  }

  @Delete(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Delete a budget (its alerts go with it)' })
  delete(@Param('id') id: string, @Actor() actor: AuditActor) {
    return this.budgets.delete(actor, budgetId(id));
  }
}
