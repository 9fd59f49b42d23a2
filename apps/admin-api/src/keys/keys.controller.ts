import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyRepository } from '@llmgw/accounts';
import { JwtAuthGuard, Roles, RolesGuard } from '@llmgw/auth';
import { Actor, type AuditActor } from '../common/audit-actor';
import { listResponse, type ListResponse } from '../common/list.query';
import { notFound } from '../common/not-found';
import { ApiZodBody, ApiZodQuery } from '../docs/zod-openapi';
import { parseRequest } from '../validation/parse-request';
import { type ApiKeyView, type CreatedApiKey, presentApiKey } from './api-key.presenter';
import { apiKeyListQuerySchema, createApiKeySchema, rotateApiKeySchema, updateApiKeySchema } from './api-key.schemas';
import { CreateApiKeyUseCase } from './usecases/create-api-key';
import { RevokeApiKeyUseCase } from './usecases/revoke-api-key';
import { RotateApiKeyUseCase, type RotatedApiKey } from './usecases/rotate-api-key';
import { UpdateApiKeyUseCase } from './usecases/update-api-key';

@ApiTags('api keys')
@ApiBearerAuth()
@Controller('admin/keys')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin', 'viewer')
export class KeysController {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly createApiKey: CreateApiKeyUseCase,
    private readonly updateApiKey: UpdateApiKeyUseCase,
    private readonly revokeApiKey: RevokeApiKeyUseCase,
    private readonly rotateApiKey: RotateApiKeyUseCase,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a key; the secret (`key`) is in this response only' })
  @ApiZodBody(createApiKeySchema)
  create(@Body() body: unknown, @Actor() actor: AuditActor): Promise<CreatedApiKey> {
    return this.createApiKey.execute({ actor, input: parseRequest(createApiKeySchema, body) });
  }

  @Get()
  @ApiOperation({ summary: 'List keys, newest first, prefix only (filters: team_id, revoked, expired, name)' })
  @ApiZodQuery(apiKeyListQuerySchema)
  async list(@Query() query: unknown): Promise<ListResponse<ApiKeyView>> {
    const input = parseRequest(apiKeyListQuerySchema, query);
    const now = new Date();
    const page = await this.keys.page({ teamId: input.team_id, revoked: input.revoked, expired: input.expired, name: input.name }, input, now);
    return listResponse(page, input, (key) => presentApiKey(key, now));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a key (prefix only)' })
  async get(@Param('id') id: string): Promise<ApiKeyView> {
    const key = await this.keys.findById(id);
    if (!key) throw notFound('API key', 'api_key_not_found');
    return presentApiKey(key);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change policy fields; every gateway replica re-reads the key' })
  @ApiZodBody(updateApiKeySchema)
  update(@Param('id') id: string, @Body() body: unknown, @Actor() actor: AuditActor): Promise<ApiKeyView> {
    return this.updateApiKey.execute({ actor, apiKeyId: id, input: parseRequest(updateApiKeySchema, body) });
  }

  @Post(':id/rotate')
  @Roles('admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Issue a successor (secret shown once); the old key works until now + overlap' })
  @ApiZodBody(rotateApiKeySchema)
  rotate(@Param('id') id: string, @Body() body: unknown, @Actor() actor: AuditActor): Promise<RotatedApiKey> {
    return this.rotateApiKey.execute({ actor, apiKeyId: id, input: parseRequest(rotateApiKeySchema, body) });
  }

  @Delete(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Revoke a key at once on every gateway replica' })
  revoke(@Param('id') id: string, @Actor() actor: AuditActor): Promise<ApiKeyView> {
    return this.revokeApiKey.execute({ actor, apiKeyId: id });
  }
}
