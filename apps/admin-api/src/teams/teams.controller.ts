import { Body, Controller, Delete, Get, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TeamRepository } from '@llmgw/accounts';
import { JwtAuthGuard, Roles, RolesGuard } from '@llmgw/auth';
import { z } from 'zod';
import { Actor, type AuditActor } from '../common/audit-actor';
import { listResponse, type ListResponse, paginationShape } from '../common/list.query';
import { notFound } from '../common/not-found';
import { ApiZodBody, ApiZodQuery } from '../docs/zod-openapi';
import { parseRequest } from '../validation/parse-request';
import { presentTeam, type TeamView } from './team.presenter';
import { TeamsService } from './teams.service';

const teamBodySchema = z.strictObject({ name: z.string().trim().min(1).max(200) });
const teamListQuerySchema = z.strictObject({ name: z.string().min(1).max(200).optional(), ...paginationShape });

@ApiTags('teams')
@ApiBearerAuth()
@Controller('admin/teams')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin', 'viewer')
export class TeamsController {
  constructor(
    private readonly teams: TeamRepository,
    private readonly service: TeamsService,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a team' })
  @ApiZodBody(teamBodySchema)
  create(@Body() body: unknown, @Actor() actor: AuditActor): Promise<TeamView> {
    return this.service.create(actor, parseRequest(teamBodySchema, body).name);
  }

  @Get()
  @ApiOperation({ summary: 'List teams by name (filter: name substring)' })
  @ApiZodQuery(teamListQuerySchema)
  async list(@Query() query: unknown): Promise<ListResponse<TeamView>> {
    const input = parseRequest(teamListQuerySchema, query);
    return listResponse(await this.teams.page({ name: input.name }, input), input, presentTeam);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a team' })
  async get(@Param('id') id: string): Promise<TeamView> {
    const team = await this.teams.findById(id);
    if (!team) throw notFound('team', 'team_not_found');
    return presentTeam(team);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Rename a team' })
  @ApiZodBody(teamBodySchema)
  rename(@Param('id') id: string, @Body() body: unknown, @Actor() actor: AuditActor): Promise<TeamView> {
    return this.service.rename(actor, id, parseRequest(teamBodySchema, body).name);
  }

  @Delete(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Delete a team (refused while it owns API keys)' })
  delete(@Param('id') id: string, @Actor() actor: AuditActor) {
    return this.service.delete(actor, id);
  }
}
