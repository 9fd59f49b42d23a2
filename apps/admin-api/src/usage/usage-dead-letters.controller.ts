import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { JwtAuthGuard, Roles, RolesGuard } from '@llmgw/auth';
import { GatewayError } from '@llmgw/contracts';
import { type UsageDeadLetterPage, UsageDeadLetters } from '@llmgw/usage';
import { parseRequest } from '../validation/parse-request';
import { deadLetterPageQuerySchema } from './usage-report.query';

/** Usage batches that exhausted their attempts: viewers list them, admins replay them. */
@Controller('admin/usage/dead-letters')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin', 'viewer')
export class UsageDeadLettersController {
  constructor(private readonly deadLetters: UsageDeadLetters) {}

  @Get()
  list(@Query() query: unknown): Promise<UsageDeadLetterPage> {
    const { offset, limit } = parseRequest(deadLetterPageQuerySchema, query);
    return this.deadLetters.list(offset, limit);
  }

  @Post('replay')
  @HttpCode(200)
  @Roles('admin')
  async replayAll(): Promise<{ replayed: number }> {
    return { replayed: await this.deadLetters.replayAll() };
  }

  @Post(':id/replay')
  @HttpCode(200)
  @Roles('admin')
  async replay(@Param('id') id: string): Promise<{ id: string; replayed: true }> {
    if (!(await this.deadLetters.replay(id))) {
      throw new GatewayError('not_found_error', `no dead letter with id ${id}`, { param: 'id' });
    }
    return { id, replayed: true };
  }
}
