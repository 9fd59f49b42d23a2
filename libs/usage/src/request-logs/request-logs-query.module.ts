import { Module } from '@nestjs/common';
import { RequestLogQueryService } from './request-log.query';

/** The admin API's read side (needs a TypeORM connection with USAGE_ENTITIES). */
@Module({ providers: [RequestLogQueryService], exports: [RequestLogQueryService] })
export class RequestLogsQueryModule {}
