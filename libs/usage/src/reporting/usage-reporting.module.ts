import { Module } from '@nestjs/common';
import { UsageSummaryService } from './usage-summary.service';

/** Read side of usage for the admin API. Needs a TypeORM connection (`TypeOrmModule.forRoot`). */
@Module({ providers: [UsageSummaryService], exports: [UsageSummaryService] })
export class UsageReportingModule {}
