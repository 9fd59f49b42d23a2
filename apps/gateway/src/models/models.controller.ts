import { Controller, Get, UseGuards } from '@nestjs/common';
import type { ModelList } from '@llmgw/contracts';
import { ProviderRegistry } from '@llmgw/providers';
import { ApiKeyGuard } from '../auth/api-key.guard';

// OpenAI's `created` is a Unix time; ours is the registry's, fixed so the list is stable.
const REGISTRY_EPOCH = 1_735_689_600;

@Controller('v1/models')
@UseGuards(ApiKeyGuard)
export class ModelsController {
  constructor(private readonly providers: ProviderRegistry) {}

  @Get()
  list(): ModelList {
    return {
      object: 'list',
      data: this.providers.listModels().map((model) => ({ id: model.id, object: 'model', created: REGISTRY_EPOCH, owned_by: model.ownedBy })),
    };
  }
}
