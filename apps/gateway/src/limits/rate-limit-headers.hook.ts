import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { GatewayConfig } from '@llmgw/config';
import { LIMITS_THROTTLER_STORAGE, type PeekableThrottlerStorage } from '@llmgw/usage';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IP_THROTTLER, LIMITED_ROUTES } from './ip-throttler.guard';
import { attachResponse, rateLimitValuesOf, setRateLimitHeaders } from './rate-limit-headers';

/**
 * `X-RateLimit-*` on every /v1 response. Requests that reach the throttler guard get its values;
 * the rest (malformed bodies, unknown routes: refused before any guard) get the IP window as it
 * stands, read without counting a hit.
 */
@Injectable()
export class RateLimitHeadersHook implements OnModuleInit {
  private readonly logger = new Logger('RateLimitHeaders');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(LIMITS_THROTTLER_STORAGE) private readonly storage: PeekableThrottlerStorage,
    private readonly config: ConfigService<GatewayConfig, true>,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const limit = this.config.get('RATE_LIMIT_PER_MINUTE', { infer: true });
    fastify.addHook('onRequest', async (request, reply) => {
      attachResponse(request, reply);
    });
    if (limit <= 0) return;
    fastify.addHook('onSend', async (request, reply) => {
      if (rateLimitValuesOf(request) || !LIMITED_ROUTES.test(request.url) || reply.raw.headersSent) return;
      await this.reportIpWindow(request, limit);
    });
  }

  private async reportIpWindow(request: FastifyRequest, limit: number): Promise<void> {
    try {
      const window = await this.storage.peek(request.ip, IP_THROTTLER);
      setRateLimitHeaders(request, { requests: { limit, remaining: Math.max(0, limit - window.totalHits), resetSeconds: window.timeToExpire } });
    } catch (error) {
      this.logger.warn(`rate-limit headers unavailable: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
