import { Module } from '@nestjs/common';
import { UsageReportService } from './usage-report.service';
import { UsageSummaryService } from './usage-summary.service';

/** Read side of usage for the admin API. Needs a TypeORM connection (`TypeOrmModule.forRoot`). */
@Module({ providers: [UsageSummaryService, UsageReportService], exports: [UsageSummaryService, UsageReportService] })
export class UsageReportingModule {}
