import { Body, Controller, Delete, Get, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiKeyRepository } from '@llmgw/accounts';
import { type AdminPrincipal, JwtAuthGuard, Roles, RolesGuard } from '@llmgw/auth';
import { parseRequest } from '../validation/parse-request';
import { type ApiKeyView, presentApiKey } from './api-key.presenter';
import { CreateApiKeyUseCase, createApiKeyRequestSchema, type CreatedApiKey } from './usecases/create-api-key';
import { RevokeApiKeyUseCase } from './usecases/revoke-api-key';

@Controller('admin/keys')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin', 'viewer')
export class KeysController {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly createApiKey: CreateApiKeyUseCase,
    private readonly revokeApiKey: RevokeApiKeyUseCase,
  ) {}

  @Post()
  @Roles('admin')
  create(@Body() body: unknown, @Req() request: { user: AdminPrincipal }): Promise<CreatedApiKey> {
    const input = parseRequest(createApiKeyRequestSchema, body);
    return this.createApiKey.execute({
      name: input.name,
      teamId: input.team_id ?? null,
      createdBy: request.user.email,
    });
  }

  @Get()
  async list(): Promise<{ object: 'list'; data: ApiKeyView[] }> {
    return { object: 'list', data: (await this.keys.list()).map(presentApiKey) };
  }

  @Delete(':id')
  @Roles('admin')
  revoke(@Param('id') id: string): Promise<ApiKeyView> {
    return this.revokeApiKey.execute({ apiKeyId: id });
  }
}
