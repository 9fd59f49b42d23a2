import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, type ThrottlerModuleOptions, type ThrottlerRequest, type ThrottlerStorage,
} from '@nestjs/throttler';
import type { GatewayConfig } from '@llmgw/config';
import { GatewayError } from '@llmgw/contracts';
import type { ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { setRateLimitHeaders } from './rate-limit-headers';

/** The per-IP throttler's name; its window is keyed by the client IP alone (every /v1 route counts). */
export const IP_THROTTLER = 'ip';
export const LIMITED_ROUTES = /^\/v1(?:[/?]|$)/;

/**
 * `RATE_LIMIT_PER_MINUTE` per client IP on the /v1 routes, counted in the shared throttler storage
 * (Redis, or memory when standalone). Runs before authentication, so a flood of bad keys is cut too.
 * Reports its window through `setRateLimitHeaders`; refuses with a 429 in the OpenAI shape.
 */
@Injectable()
export class IpThrottlerGuard extends ThrottlerGuard {
  private readonly failOpen: boolean;
  private readonly log = new Logger('IpThrottler');

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    config: ConfigService<GatewayConfig, true>,
  ) {
    super(options, storage, reflector);
    this.failOpen = config.get('LIMITS_FAIL_OPEN', { infer: true });
  }

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return Promise.resolve(context.getType() !== 'http' || !LIMITED_ROUTES.test(request.url));
  }

  protected override async handleRequest({ context, limit, ttl, throttler, blockDuration, getTracker }: ThrottlerRequest): Promise<boolean> {
    if (limit <= 0) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const name = throttler.name ?? IP_THROTTLER;
    const tracker = await getTracker(request, context);
    let record: Awaited<ReturnType<ThrottlerStorage['increment']>>;
    try {
      record = await this.storageService.increment(tracker, ttl, limit, blockDuration, name);
    } catch (error) {
      if (!this.failOpen) throw new GatewayError('service_unavailable', 'Rate limits cannot be checked right now; try again shortly', { cause: error, retryAfterSeconds: 1 });
      this.log.warn(`throttler storage unavailable, request let through: ${error instanceof Error ? error.message : String(error)}`);
      return true;
    }
    setRateLimitHeaders(request, { requests: { limit, remaining: Math.max(0, limit - record.totalHits), resetSeconds: record.timeToExpire } });
    if (record.isBlocked) {
      const retryAfterSeconds = Math.max(1, record.timeToBlockExpire);
      throw new GatewayError('rate_limit_error', `Rate limit reached: ${limit} requests per minute from this IP address. Try again in ${retryAfterSeconds}s`, {
        code: 'ip_rate_limit_exceeded',
        retryAfterSeconds,
      });
    }
    return true;
  }
}
