import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JwtAuthGuard, Roles, RolesGuard } from '@llmgw/auth';
import { type AdminConfig, ConfigValidationError, costTrackerEnvSchema, gatewayEnvSchema, loadConfig } from '@llmgw/config';
import type { z } from 'zod';
import { redactConfig } from './redact-config';

/** The admin API's parsed configuration and the environment it was parsed from. */
export const ADMIN_CONFIG = Symbol('ADMIN_CONFIG');
export const ADMIN_ENV = Symbol('ADMIN_ENV');

type AppView = { values: Record<string, unknown> } | { errors: string[] };

/**
 * The effective configuration, secrets redacted. The admin API's own is what it runs with; the
 * gateway's and the cost tracker's are what their schemas make of the same environment, which
 * is exact in standalone mode and a guide when each pod has its own environment.
 */
@ApiTags('configuration')
@ApiBearerAuth()
@Controller('admin/config')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin', 'viewer')
export class EffectiveConfigController {
  constructor(
    @Inject(ADMIN_CONFIG) private readonly config: AdminConfig,
    @Inject(ADMIN_ENV) private readonly env: Record<string, string | undefined>,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Effective configuration of the three apps, secrets redacted' })
  effective() {
    return {
      admin_api: { values: redactConfig(this.config) },
      gateway: this.view(gatewayEnvSchema),
      cost_tracker: this.view(costTrackerEnvSchema),
      note: 'gateway and cost_tracker: derived from the admin API environment; in distributed mode each process may have its own.',
    };
  }

  private view(schema: z.ZodType): AppView {
    try {
      return { values: redactConfig(loadConfig(schema, this.env) as Record<string, unknown>) };
    } catch (error) {
      if (error instanceof ConfigValidationError) return { errors: error.problems };
      throw error;
    }
  }
}
