import path from 'node:path';
import { loadProvidersFile } from '@llmgw/config';
import { applyProvidersFile } from './apply-providers-file';
import { MODELS } from './models.data';

describe('config/llm_gateway_config.example.yaml', () => {
  const file = loadProvidersFile(path.resolve(__dirname, '../../../../config/llm_gateway_config.example.yaml'));

  it('is valid and applies to the catalogue', () => {
    expect(() => applyProvidersFile(MODELS, file)).not.toThrow();
  });

  it('names only models that exist in the catalogue', () => {
    const ids = new Set(applyProvidersFile(MODELS, file).map((model) => model.id));
    const referenced = [
      ...Object.values(file.routing.task_routes),
      ...Object.keys(file.routing.fallback_map),
      ...Object.values(file.routing.fallback_map).flat(),
      ...Object.values(file.routing.chains).flat(),
    ];
    expect(referenced.filter((id) => id && !ids.has(id))).toEqual([]);
    expect(Object.keys(file.routing.chains).sort()).toEqual(['code_generation', 'cost_optimized', 'fast', 'high_quality', 'local_only']);
  });
});
