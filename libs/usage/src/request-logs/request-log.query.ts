import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestLogEntity } from './request-log.entity';

export interface RequestLogFilter {
  from?: Date;
  to?: Date;
  apiKeyId?: string;
  teamId?: string;
  model?: string;
  provider?: string;
  status?: 'success' | 'error';
  httpStatus?: number;
}

export interface RequestLogPage {
  items: RequestLogEntity[];
  /** Rows matching the filter, over all pages. */
  total: number;
}

/** The admin API's read side of request logs: filtered, newest first, limit/offset. */
@Injectable()
export class RequestLogQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async page(filter: RequestLogFilter, page: { limit: number; offset: number }): Promise<RequestLogPage> {
    const query = this.dataSource.getRepository(RequestLogEntity).createQueryBuilder('log');
    if (filter.from) query.andWhere('log.occurred_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('log.occurred_at < :to', { to: filter.to });
    if (filter.apiKeyId) query.andWhere('log.api_key_id = :apiKeyId', { apiKeyId: filter.apiKeyId });
    if (filter.teamId) query.andWhere('log.team_id = :teamId', { teamId: filter.teamId });
    if (filter.model) query.andWhere('log.model = :model', { model: filter.model });
    if (filter.provider) query.andWhere('log.provider = :provider', { provider: filter.provider });
    if (filter.status) query.andWhere('log.status = :status', { status: filter.status });
    if (filter.httpStatus !== undefined) query.andWhere('log.http_status = :httpStatus', { httpStatus: filter.httpStatus });
    // The request id breaks ties, so pages never overlap or skip rows of the same instant.
    const [items, total] = await query.orderBy('log.occurredAt', 'DESC').addOrderBy('log.requestId', 'DESC').skip(page.offset).take(page.limit).getManyAndCount();
    return { items, total };
  }
}
