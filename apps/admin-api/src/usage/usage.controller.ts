import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { JwtAuthGuard, Roles, RolesGuard } from '@llmgw/auth';
import { type UsageSummary, UsageSummaryService } from '@llmgw/usage';
import { parseRequest } from '../validation/parse-request';
import { usagePeriodQuerySchema } from './usage-period.query';

@Controller('admin/usage')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin', 'viewer')
export class UsageController {
  constructor(private readonly usage: UsageSummaryService) {}

  @Get()
  summarize(@Query() query: unknown): Promise<UsageSummary> {
    return this.usage.summarize(parseRequest(usagePeriodQuerySchema, query));
  }
}
