import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JwtAuthGuard, Roles, RolesGuard } from '@llmgw/auth';
import { type RequestLogEntity, RequestLogQueryService } from '@llmgw/usage';
import { z } from 'zod';
import { listResponse, type ListResponse, paginationShape } from '../common/list.query';
import { ApiZodQuery } from '../docs/zod-openapi';
import { parseRequest } from '../validation/parse-request';

const requestLogsQuerySchema = z
  .strictObject({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    api_key_id: z.uuid().optional(),
    team_id: z.uuid().optional(),
    model: z.string().min(1).max(200).optional(),
    provider: z.string().min(1).max(64).optional(),
    // `success` / `error`, or an HTTP status such as 429.
    status: z.union([z.enum(['success', 'error']), z.coerce.number().int().min(100).max(599)]).optional(),
    ...paginationShape,
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to), {
    path: ['from'],
    message: 'must be before to',
  });

export interface RequestLogView {
  request_id: string;
  occurred_at: string;
  api_key_id: string | null;
  team_id: string | null;
  endpoint: string;
  provider: string | null;
  model: string;
  status: 'success' | 'error';
  http_status: number;
  error: { type: string | null; message: string | null } | null;
  stream: boolean;
  latency_ms: number | null;
  request: unknown;
  response: unknown;
  truncated: boolean;
}

function present(log: RequestLogEntity): RequestLogView {
  return {
    request_id: log.requestId,
    occurred_at: log.occurredAt.toISOString(),
    api_key_id: log.apiKeyId,
    team_id: log.teamId,
    endpoint: log.endpoint,
    provider: log.provider,
    model: log.model,
    status: log.status,
    http_status: log.httpStatus,
    error: log.status === 'error' ? { type: log.errorType, message: log.errorMessage } : null,
    stream: log.stream,
    latency_ms: log.latencyMs,
    request: log.requestPayload,
    response: log.responsePayload,
    truncated: log.truncated,
  };
}

/**
 * Payload logs (LOG_PAYLOADS): prompts and answers, stored masked and truncated. Admins only:
 * even masked, prompts say more than a viewer's dashboards need.
 */
@ApiTags('request logs')
@ApiBearerAuth()
@Controller('admin/logs')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin')
export class RequestLogsController {
  constructor(private readonly logs: RequestLogQueryService) {}

  @Get()
  @ApiOperation({ summary: 'List logged requests, newest first (filters: time range, key, team, model, provider, status)' })
  @ApiZodQuery(requestLogsQuerySchema)
  async list(@Query() query: unknown): Promise<ListResponse<RequestLogView>> {
    const input = parseRequest(requestLogsQuerySchema, query);
    const page = await this.logs.page(
      {
        from: input.from ? new Date(input.from) : undefined,
        to: input.to ? new Date(input.to) : undefined,
        apiKeyId: input.api_key_id,
        teamId: input.team_id,
        model: input.model,
        provider: input.provider,
        status: typeof input.status === 'string' ? input.status : undefined,
        httpStatus: typeof input.status === 'number' ? input.status : undefined,
      },
      input,
    );
    return listResponse(page, input, present);
  }
}
