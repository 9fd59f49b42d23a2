import { dollarsPer1kToNanoPerMTok } from '@llmgw/config';
import { GatewayError, TASK_TYPES, type TaskType } from '@llmgw/contracts';
import type { ModelCapabilities, ModelEntry } from './model-entry';
import { profileOf } from './model-profiles.data';

/** A capability asked for: a feature the model has, or a task it is strong at. */
export type CapabilityFilter = { kind: 'feature'; feature: keyof ModelCapabilities } | { kind: 'task'; task: TaskType };

export interface ModelQuery {
  capability?: CapabilityFilter | undefined;
  /** Blended ((input + output) / 2) price ceiling, integer nano-USD per million tokens. */
  maxBlendedNanoUsdPerMTok?: number | undefined;
  /** How strong (0..1) a model must be at the task; default 0.85. */
  minStrength?: number | undefined;
}

export const DEFAULT_MIN_STRENGTH = 0.85;

const FEATURES: Record<string, keyof ModelCapabilities> = {
  streaming: 'streaming',
  tools: 'tools',
  function_calling: 'tools',
  json_mode: 'jsonMode',
  vision: 'vision',
  embeddings: 'embeddings',
};
// The specification's names and short ones people type; every task type is accepted as itself.
const TASK_ALIASES: Record<string, TaskType> = {
  code: 'python_code',
  code_generation: 'python_code',
  python: 'python_code',
  sql: 'sql_generation',
  yaml: 'yaml_config',
  text_generation: 'general',
  reasoning: 'analysis',
};

export const CAPABILITY_NAMES = [...Object.keys(FEATURES), ...Object.keys(TASK_ALIASES), ...TASK_TYPES];

/** Parses the `capability`, `max_cost_per_1k` (dollars) and `min_strength` query parameters; a bad one is a 400 naming it. */
export function parseModelQuery(params: { capability?: unknown; max_cost_per_1k?: unknown; min_strength?: unknown }): ModelQuery {
  const query: ModelQuery = {};
  if (params.capability !== undefined) {
    const name = String(params.capability).trim().toLowerCase();
    const feature = FEATURES[name];
    const task = TASK_ALIASES[name] ?? (TASK_TYPES as readonly string[]).find((type) => type === name);
    if (!feature && !task) throw invalid('capability', `unknown capability '${name}' (known: ${CAPABILITY_NAMES.join(', ')})`);
    query.capability = feature ? { kind: 'feature', feature } : { kind: 'task', task: task as TaskType };
  }
  if (params.max_cost_per_1k !== undefined) {
    const text = String(params.max_cost_per_1k).trim();
    const nano = dollarsPer1kToNanoPerMTok(text);
    // A well-formed amount too large to represent caps nothing: every price is below it.
    const unbounded = nano === undefined && /^\d+(\.\d+)?$/.test(text) && Number(text) >= 1;
    if (nano === undefined && !unbounded) throw invalid('max_cost_per_1k', 'must be a dollar amount per 1K tokens with at most 12 decimals, e.g. 0.01');
    query.maxBlendedNanoUsdPerMTok = nano ?? Number.MAX_SAFE_INTEGER;
  }
  if (params.min_strength !== undefined) {
    const strength = Number(params.min_strength);
    if (!Number.isFinite(strength) || strength < 0 || strength > 1) throw invalid('min_strength', 'must be a number from 0 to 1');
    query.minStrength = strength;
  }
  return query;
}

/** The models matching the query, in the order given. */
export function queryModels(models: readonly ModelEntry[], query: ModelQuery): ModelEntry[] {
  return models.filter((model) => matchesCapability(model, query) && withinPrice(model, query.maxBlendedNanoUsdPerMTok));
}

/** The cheapest matching model by blended price (ties: the faster). */
export function cheapestModel(models: readonly ModelEntry[], query: ModelQuery): ModelEntry | undefined {
  return [...queryModels(models, query)].sort((a, b) => blendedTwice(a) - blendedTwice(b) || latencyOf(a) - latencyOf(b))[0];
}

/** The fastest matching model by typical latency (ties: the cheaper). */
export function fastestModel(models: readonly ModelEntry[], query: ModelQuery): ModelEntry | undefined {
  return [...queryModels(models, query)].sort((a, b) => latencyOf(a) - latencyOf(b) || blendedTwice(a) - blendedTwice(b))[0];
}

function matchesCapability(model: ModelEntry, query: ModelQuery): boolean {
  const capability = query.capability;
  if (!capability) return true;
  if (capability.kind === 'feature') return model.capabilities[capability.feature];
  if (model.capabilities.embeddings) return false;
  const strengths = profileOf(model).strengths;
  return (strengths[capability.task] ?? strengths.general ?? 0) >= (query.minStrength ?? DEFAULT_MIN_STRENGTH);
}

// Twice the blended price keeps the comparison in integers: in + out <= 2 x ceiling.
function withinPrice(model: ModelEntry, ceiling: number | undefined): boolean {
  return ceiling === undefined || blendedTwice(model) <= 2 * ceiling;
}

function blendedTwice(model: ModelEntry): number {
  return model.inputNanoUsdPerMTok + model.outputNanoUsdPerMTok;
}

function latencyOf(model: ModelEntry): number {
  return profileOf(model).typicalLatencyMs;
}

function invalid(param: string, message: string): GatewayError {
  return new GatewayError('invalid_request_error', `${param}: ${message}`, { param, code: 'invalid_query' });
}
