import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { GatewayError, type ModelList } from '@llmgw/contracts';
import { cheapestModel, fastestModel, type ListedModel, listedModel, type ModelEntry, parseModelQuery, ProviderRegistry, queryModels, REGISTRY_EPOCH } from '@llmgw/providers';
import { ApiKeyGuard } from '../auth/api-key.guard';

type ModelQueryParams = { capability?: string; max_cost_per_1k?: string; min_strength?: string };

/**
 * OpenAI's model list, plus registry queries: `?capability=code&max_cost_per_1k=0.01` filters
 * (each model then carries its provider, prices, capabilities and availability as extra fields),
 * `/cheapest` and `/fastest` pick one model for a capability among those routable now.
 */
@Controller('v1/models')
@UseGuards(ApiKeyGuard)
export class ModelsController {
  constructor(private readonly providers: ProviderRegistry) {}

  @Get()
  list(@Query() params: ModelQueryParams): ModelList | { object: 'list'; data: ListedModel[] } {
    if (params.capability === undefined && params.max_cost_per_1k === undefined && params.min_strength === undefined) {
      return {
        object: 'list',
        data: this.providers.catalogue().map((model) => ({ id: model.id, object: 'model', created: REGISTRY_EPOCH, owned_by: model.ownedBy })),
      };
    }
    return { object: 'list', data: queryModels(this.providers.catalogue(), parseModelQuery(params)).map((model) => this.view(model)) };
  }

  @Get('cheapest')
  cheapest(@Query() params: ModelQueryParams): ListedModel {
    return this.pick(cheapestModel(this.providers.listModels(), parseModelQuery(params)), params);
  }

  @Get('fastest')
  fastest(@Query() params: ModelQueryParams): ListedModel {
    return this.pick(fastestModel(this.providers.listModels(), parseModelQuery(params)), params);
  }

  private pick(model: ModelEntry | undefined, params: ModelQueryParams): ListedModel {
    if (!model) {
      throw new GatewayError('not_found_error', `No available model matches capability=${params.capability ?? '*'} max_cost_per_1k=${params.max_cost_per_1k ?? '*'}`, {
        code: 'model_not_found',
      });
    }
    return this.view(model);
  }

  private view(model: ModelEntry): ListedModel {
    return listedModel(model, this.providers.isAvailable(model.provider));
  }
}
