import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuditLogEntity, AuditLogRepository } from '@llmgw/accounts';
import { JwtAuthGuard, Roles, RolesGuard } from '@llmgw/auth';
import { z } from 'zod';
import { listResponse, type ListResponse, paginationShape } from '../common/list.query';
import { ApiZodQuery } from '../docs/zod-openapi';
import { parseRequest } from '../validation/parse-request';

const auditLogQuerySchema = z
  .strictObject({
    actor: z.string().min(1).max(320).optional(),
    action: z.string().regex(/^[a-z_]+\.[a-z_]+$/, 'must look like api_key.rotate').optional(),
    resource_type: z.enum(['api_key', 'team', 'admin_user', 'circuit_breaker', 'budget', 'cache']).optional(),
    resource_id: z.string().min(1).max(200).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    ...paginationShape,
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to), {
    path: ['from'],
    message: 'must be before to',
  });

export interface AuditEntryView {
  id: string;
  occurred_at: string;
  actor: { id: string | null; email: string | null };
  action: string;
  resource_type: string;
  resource_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
}

function presentEntry(entry: AuditLogEntity): AuditEntryView {
  return {
    id: entry.id,
    occurred_at: entry.occurredAt.toISOString(),
    actor: { id: entry.actorId, email: entry.actorEmail },
    action: entry.action,
    resource_type: entry.resourceType,
    resource_id: entry.resourceId,
    before: entry.before,
    after: entry.after,
    request_id: entry.requestId,
  };
}

/** The audit trail: read-only here and in the database (no update or delete path exists). */
@ApiTags('audit log')
@ApiBearerAuth()
@Controller('admin/audit-log')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin', 'viewer')
export class AuditLogController {
  constructor(private readonly audit: AuditLogRepository) {}

  @Get()
  @ApiOperation({ summary: 'List changes, newest first (filters: actor id or email, action, resource, time range)' })
  @ApiZodQuery(auditLogQuerySchema)
  async list(@Query() query: unknown): Promise<ListResponse<AuditEntryView>> {
    const input = parseRequest(auditLogQuerySchema, query);
    const page = await this.audit.page(
      {
        actor: input.actor,
        action: input.action,
        resourceType: input.resource_type,
        resourceId: input.resource_id,
        from: input.from ? new Date(input.from) : undefined,
        to: input.to ? new Date(input.to) : undefined,
      },
      input,
    );
    return listResponse(page, input, presentEntry);
  }
}
