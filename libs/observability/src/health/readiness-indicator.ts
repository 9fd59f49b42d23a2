import type { HealthIndicatorResult } from '@nestjs/terminus';

/**
 * An app-specific readiness check (e.g. the gateway's providers), contributed through
 * `HealthModule.forRoot({ readinessIndicators })` so this lib never imports the layers it checks.
 */
export interface ReadinessIndicator {
  check(): Promise<HealthIndicatorResult>;
}

export const READINESS_INDICATORS = Symbol('READINESS_INDICATORS');
