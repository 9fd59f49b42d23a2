import { Controller, Get, Header, Param, Query, UseGuards } from '@nestjs/common';
import { JwtAuthGuard, Roles, RolesGuard } from '@llmgw/auth';
import {
  type DailySeriesPoint, type PeriodReport, periodReportToCsv, type ProviderLatency, type TopModel, UsageReportService, type WorkspaceCosts,
} from '@llmgw/usage';
import { parseRequest } from '../validation/parse-request';
import { usagePeriodQuerySchema } from './usage-period.query';
import {
  dailySeriesQuerySchema, periodReportQuerySchema, topModelsQuerySchema, workspaceCostsQuerySchema, workspaceIdSchema,
} from './usage-report.query';

/** Usage and cost reports; money as integer nano-USD strings plus a USD decimal string. */
@Controller('admin/usage')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin', 'viewer')
export class UsageReportsController {
  constructor(private readonly reports: UsageReportService) {}

  @Get('report')
  report(@Query() query: unknown): Promise<PeriodReport> {
    const { filter, period, groupBy } = parseRequest(periodReportQuerySchema, query);
    return this.reports.byPeriod(filter, period, groupBy);
  }

  @Get('report.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="usage-report.csv"')
  async reportCsv(@Query() query: unknown): Promise<string> {
    const { filter, period, groupBy } = parseRequest(periodReportQuerySchema, query);
    return periodReportToCsv(await this.reports.byPeriod(filter, period, groupBy));
  }

  @Get('daily')
  async daily(@Query() query: unknown): Promise<{ object: 'list'; data: DailySeriesPoint[] }> {
    return { object: 'list', data: await this.reports.dailySeries(parseRequest(dailySeriesQuerySchema, query)) };
  }

  @Get('top-models')
  async topModels(@Query() query: unknown): Promise<{ object: 'list'; data: TopModel[] }> {
    const { filter, limit } = parseRequest(topModelsQuerySchema, query);
    return { object: 'list', data: await this.reports.topModels(filter, limit) };
  }

  @Get('latency')
  async latency(@Query() query: unknown): Promise<{ object: 'list'; data: ProviderLatency[] }> {
    return { object: 'list', data: await this.reports.latencyByProvider(parseRequest(usagePeriodQuerySchema, query)) };
  }

  @Get('workspaces/:team_id/costs')
  workspaceCosts(@Param() params: unknown, @Query() query: unknown): Promise<WorkspaceCosts> {
    const { team_id } = parseRequest(workspaceIdSchema, params);
    return this.reports.workspaceCosts(team_id, parseRequest(workspaceCostsQuerySchema, query));
  }
}
