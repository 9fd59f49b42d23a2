import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectMetric, makeCounterProvider } from '@willsoto/nestjs-prometheus';
import type { FastifyInstance } from 'fastify';
import type { Counter } from 'prom-client';

export const ADMIN_HTTP_REQUESTS = 'llmgw_admin_http_requests_total';

export const adminHttpRequestsProvider = makeCounterProvider({
  name: ADMIN_HTTP_REQUESTS,
  help: 'Admin API requests by route pattern and status code',
  labelNames: ['route', 'status'],
});

/**
 * Counts every response, errors from guards and filters included, with a Fastify hook. The
 * route label is the pattern (`/admin/keys/:id`), so its values stay bounded.
 */
@Injectable()
export class AdminHttpMetrics implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @InjectMetric(ADMIN_HTTP_REQUESTS) private readonly requests: Counter<string>,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', async (request, reply) => {
      this.requests.inc({ route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) });
    });
  }
}
