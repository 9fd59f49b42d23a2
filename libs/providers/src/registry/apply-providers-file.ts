import { ConfigValidationError, type ModelFileEntry, type ProvidersFile } from '@llmgw/config';
import type { ModelCapabilities, ModelEntry } from './model-entry';

/**
 * The catalogue as the providers file amends it: known ids are overridden field by field, new
 * ids are added (they must say their context window and prices), `enabled: false` removes a
 * provider's models, and provider timeouts and max tokens land on each of its models.
 */
export function applyProvidersFile(catalogue: readonly ModelEntry[], file: Pick<ProvidersFile, 'providers'>): ModelEntry[] {
  const problems: string[] = [];
  const byId = new Map(catalogue.map((entry) => [entry.id, entry]));
  for (const [provider, section] of Object.entries(file.providers)) {
    section.models.forEach((model, index) => {
      const where = `providers.${provider}.models[${index}]`;
      const known = byId.get(model.id);
      if (known && known.provider !== provider) {
        problems.push(`${where}: model '${model.id}' belongs to provider '${known.provider}'`);
        return;
      }
      const merged = known ? override(known, model) : create(provider, model, where, problems);
      if (merged) byId.set(model.id, merged);
    });
  }
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return [...byId.values()].flatMap((entry) => {
    const section = file.providers[entry.provider];
    if (!section) return [entry];
    if (section.enabled === false) return [];
    return [{ ...entry, ...(section.timeout_ms ? { timeoutMs: section.timeout_ms } : {}), ...(section.max_tokens ? { defaultMaxTokens: section.max_tokens } : {}) }];
  });
}

function override(known: ModelEntry, model: ModelFileEntry): ModelEntry {
  return {
    ...known,
    upstreamModel: model.upstream_model ?? known.upstreamModel,
    contextWindow: model.context_window ?? known.contextWindow,
    maxOutputTokens: model.max_output_tokens ?? known.maxOutputTokens,
    inputNanoUsdPerMTok: model.input_cost_per_1k ?? model.cost_per_1k ?? known.inputNanoUsdPerMTok,
    outputNanoUsdPerMTok: model.output_cost_per_1k ?? model.cost_per_1k ?? known.outputNanoUsdPerMTok,
    capabilities: model.capabilities ? capabilitiesOf(model.capabilities) : known.capabilities,
    ...profileFrom(model, known.profile),
  };
}

function profileFrom(model: ModelFileEntry, known?: ModelEntry['profile']): Pick<ModelEntry, 'profile'> {
  if (model.typical_latency_ms === undefined && model.reliability === undefined && model.strengths === undefined) {
    return known ? { profile: known } : {};
  }
  return {
    profile: {
      ...known,
      ...(model.typical_latency_ms !== undefined ? { typicalLatencyMs: model.typical_latency_ms } : {}),
      ...(model.reliability !== undefined ? { reliability: model.reliability } : {}),
      ...(model.strengths ? { strengths: { ...known?.strengths, ...model.strengths } } : {}),
    },
  };
}

function create(provider: string, model: ModelFileEntry, where: string, problems: string[]): ModelEntry | null {
  const input = model.input_cost_per_1k ?? model.cost_per_1k;
  const output = model.output_cost_per_1k ?? model.cost_per_1k;
  const missing = [
    ...(model.context_window === undefined ? ['context_window'] : []),
    ...(input === undefined ? ['input_cost_per_1k (or cost_per_1k)'] : []),
    ...(output === undefined ? ['output_cost_per_1k (or cost_per_1k)'] : []),
  ];
  if (missing.length > 0 || model.context_window === undefined || input === undefined || output === undefined) {
    problems.push(`${where}: a new model needs ${missing.join(', ')}`);
    return null;
  }
  return {
    id: model.id,
    provider,
    upstreamModel: model.upstream_model ?? model.id,
    contextWindow: model.context_window,
    maxOutputTokens: model.max_output_tokens ?? Math.min(4_096, model.context_window),
    inputNanoUsdPerMTok: input,
    outputNanoUsdPerMTok: output,
    capabilities: capabilitiesOf(model.capabilities ?? ['streaming']),
    ownedBy: provider,
    ...profileFrom(model),
  };
}

function capabilitiesOf(names: readonly string[]): ModelCapabilities {
  const has = new Set(names);
  return {
    streaming: has.has('streaming'),
    tools: has.has('tools'),
    jsonMode: has.has('json_mode'),
    vision: has.has('vision'),
    embeddings: has.has('embeddings'),
  };
}
