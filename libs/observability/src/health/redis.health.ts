import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type Redis from 'ioredis';

/** Readiness of a Redis connection: a PING answered within the timeout. */
@Injectable()
export class RedisHealthIndicator {
  constructor(private readonly health: HealthIndicatorService) {}

  async pingCheck(key: string, client: Redis, timeoutMs = 1000): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      const ping = client.ping();
      ping.catch(() => undefined); // a reply failing after the timeout must not go unhandled
      await Promise.race([
        ping,
        new Promise((_, reject) => setTimeout(() => reject(new Error(`no PING reply within ${timeoutMs} ms`)), timeoutMs).unref()),
      ]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : 'unreachable' });
    }
  }
}
