import { Body, Controller, Delete, Get, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ADMIN_ROLES, AdminUserRepository } from '@llmgw/accounts';
import { JwtAuthGuard, Roles, RolesGuard } from '@llmgw/auth';
import { z } from 'zod';
import { Actor, type AuditActor } from '../common/audit-actor';
import { listResponse, type ListResponse, paginationShape } from '../common/list.query';
import { notFound } from '../common/not-found';
import { ApiZodBody, ApiZodQuery } from '../docs/zod-openapi';
import { parseRequest } from '../validation/parse-request';
import { type AdminUserView, presentAdminUser } from './admin-user.presenter';
import { AdminUsersService } from './admin-users.service';

const createUserSchema = z.strictObject({
  email: z.email().max(320),
  password: z.string().min(12).max(1024),
  role: z.enum(ADMIN_ROLES),
});
const changeRoleSchema = z.strictObject({ role: z.enum(ADMIN_ROLES) });
const userListQuerySchema = z.strictObject({
  role: z.enum(ADMIN_ROLES).optional(),
  email: z.string().min(1).max(320).optional(),
  ...paginationShape,
});

/** People who may use the admin API (local login). Users of an external IdP are not listed here. */
@ApiTags('admin users')
@ApiBearerAuth()
@Controller('admin/users')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin', 'viewer')
export class AdminUsersController {
  constructor(
    private readonly users: AdminUserRepository,
    private readonly service: AdminUsersService,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create an admin user (password 12+ characters, stored as a scrypt hash)' })
  @ApiZodBody(createUserSchema)
  create(@Body() body: unknown, @Actor() actor: AuditActor): Promise<AdminUserView> {
    return this.service.create(actor, parseRequest(createUserSchema, body));
  }

  @Get()
  @ApiOperation({ summary: 'List admin users (filters: role, email substring)' })
  @ApiZodQuery(userListQuerySchema)
  async list(@Query() query: unknown): Promise<ListResponse<AdminUserView>> {
    const input = parseRequest(userListQuerySchema, query);
    return listResponse(await this.users.page({ role: input.role, email: input.email }, input), input, presentAdminUser);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an admin user' })
  async get(@Param('id') id: string): Promise<AdminUserView> {
    const user = await this.users.findById(id);
    if (!user) throw notFound('admin user', 'admin_user_not_found');
    return presentAdminUser(user);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: "Change a user's role (the last admin cannot be demoted)" })
  @ApiZodBody(changeRoleSchema)
  changeRole(@Param('id') id: string, @Body() body: unknown, @Actor() actor: AuditActor): Promise<AdminUserView> {
    return this.service.changeRole(actor, id, parseRequest(changeRoleSchema, body).role);
  }

  @Delete(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Delete an admin user (never the last admin)' })
  delete(@Param('id') id: string, @Actor() actor: AuditActor) {
    return this.service.delete(actor, id);
  }
}
