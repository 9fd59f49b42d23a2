import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JwtAuthGuard, Roles, RolesGuard } from '@llmgw/auth';
import { GatewayError } from '@llmgw/contracts';
import {
  cheapestModel,
  fastestModel,
  type ListedModel,
  listedModel,
  type ModelEntry,
  parseModelQuery,
  ProviderHealthMonitor,
  ProviderKeyRings,
  ProviderRegistry,
  ProvidersConfigReloader,
  ProviderTester,
  queryModels,
} from '@llmgw/providers';
import { z } from 'zod';
import { parseRequest } from '../validation/parse-request';

const testRequestSchema = z.strictObject({
  model: z.string().min(1).max(200).optional(),
  prompt: z.string().min(1).max(2_000).optional(),
});
const PROVIDER_ID = /^[a-z][a-z0-9-]{0,63}$/;

type ModelQueryParams = { capability?: string; max_cost_per_1k?: string; min_strength?: string };

/**
 * Providers as this admin API sees them (its own adapters, from the same configuration as the
 * gateway): health from its own monitor, keys in rotation (labels only), models, test calls,
 * registry queries, and reloading the providers file in every replica.
 */
@ApiTags('providers')
@ApiBearerAuth()
@Controller('admin/providers')
@UseGuards(JwtAuthGuard, RolesGuard)
export class ProvidersAdminController {
  constructor(
    private readonly providers: ProviderRegistry,
    private readonly monitor: ProviderHealthMonitor,
    private readonly keys: ProviderKeyRings,
    private readonly tester: ProviderTester,
    private readonly reloader: ProvidersConfigReloader,
  ) {}

  @Get()
  @Roles('admin', 'viewer')
  @ApiOperation({ summary: 'Enabled providers: health, keys in rotation (prefixes only), models; and the providers file version' })
  list() {
    const models = this.providers.catalogue();
    const health = new Map(this.monitor.snapshot().map((state) => [state.provider, state]));
    return {
      providers: this.providers.adapters().map((adapter) => ({
        id: adapter.id,
        available: this.providers.isAvailable(adapter.id),
        health: health.get(adapter.id) ?? null,
        keys: this.keys.status(adapter.id),
        models: models.filter((model) => model.provider === adapter.id).map((model) => model.id),
      })),
      providers_file: this.reloader.stats(),
    };
  }

  @Get('alerts')
  @Roles('admin', 'viewer')
  @ApiOperation({ summary: 'Alerts of the health monitor, newest first (down, degraded, recovered, hourly cost)' })
  alerts(@Query('limit') limit?: string) {
    const count = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(count) || count < 1 || count > 200) throw new GatewayError('invalid_request_error', 'limit: must be an integer from 1 to 200', { param: 'limit' });
    return { alerts: this.monitor.alerts(count) };
  }

  @Get('models')
  @Roles('admin', 'viewer')
  @ApiOperation({ summary: 'Registry query: ?capability=code&max_cost_per_1k=0.01 (min_strength: 0..1, default 0.85)' })
  models(@Query() params: ModelQueryParams) {
    return { object: 'list', data: queryModels(this.providers.catalogue(), parseModelQuery(params)).map((model) => this.view(model)) };
  }

  @Get('models/cheapest')
  @Roles('admin', 'viewer')
  @ApiOperation({ summary: 'The cheapest available model for a capability (blended price per 1K tokens)' })
  cheapest(@Query() params: ModelQueryParams): ListedModel {
    return this.pick(cheapestModel(this.providers.listModels(), parseModelQuery(params)));
  }

  @Get('models/fastest')
  @Roles('admin', 'viewer')
  @ApiOperation({ summary: 'The fastest available model for a capability (typical latency)' })
  fastest(@Query() params: ModelQueryParams): ListedModel {
    return this.pick(fastestModel(this.providers.listModels(), parseModelQuery(params)));
  }

  @Post('config/reload')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Reload the providers/routing file here and in every gateway replica; an invalid file is refused and the last good one kept' })
  async reload() {
    const { result, broadcast } = await this.reloader.reloadEverywhere();
    return { ...result, broadcast, stats: this.reloader.stats() };
  }

  @Post(':id/test')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Send a small test request to one provider: latency, the answer, any error' })
  test(@Param('id') id: string, @Body() body: unknown) {
    if (!PROVIDER_ID.test(id)) throw new GatewayError('not_found_error', `No enabled provider '${id.slice(0, 64)}'`, { param: 'id', code: 'provider_not_found' });
    return this.tester.test(id, parseRequest(testRequestSchema, body ?? {}));
  }

  private pick(model: ModelEntry | undefined): ListedModel {
    if (!model) throw new GatewayError('not_found_error', 'No available model matches the query', { code: 'model_not_found' });
    return this.view(model);
  }

  private view(model: ModelEntry): ListedModel {
    return listedModel(model, this.providers.isAvailable(model.provider));
  }
}
