import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { ReadinessIndicator } from '@llmgw/observability';
import { anyProviderUp, ProviderHealthService } from '@llmgw/providers';

/**
 * Readiness's `providers` entry: each provider's cached health in the details, and down only when
 * every enabled provider is down (with one working provider the gateway can still serve).
 */
@Injectable()
export class ProvidersHealthIndicator implements ReadinessIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly providers: ProviderHealthService,
  ) {}

  async check(): Promise<HealthIndicatorResult> {
    const indicator = this.health.check('providers');
    const report = await this.providers.check();
    return anyProviderUp(report) ? indicator.up(report) : indicator.down(report);
  }
}
