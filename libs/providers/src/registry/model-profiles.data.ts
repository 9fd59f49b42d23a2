import type { ModelEntry, ModelProfile } from './model-entry';

// Latency and reliability priors: the seed documents' figures where they name the model
// (Qwen3-Coder 1800 ms / 0.93, Claude 3.5 Sonnet 2500 / 0.95, GPT-4 Turbo 3000 / 0.92, Gemini 1.5
// Pro 1800 / 0.88, Codestral 2000 / 0.90, DeepSeek Coder 1500 / 0.87, Command R+ 1200 / 0.85),
// our estimates elsewhere. Strengths are priors on a 0..1 scale; live metrics refine routing.
const CODE = { sql_generation: 0.9, python_code: 0.95, yaml_config: 0.85, debugging: 0.9, optimization: 0.85, transformation: 0.85, schema_design: 0.8, data_modeling: 0.8, explanation: 0.7, analysis: 0.7, general: 0.7 };
const REASONING = { sql_generation: 0.9, python_code: 0.9, yaml_config: 0.85, debugging: 0.9, optimization: 0.88, transformation: 0.85, schema_design: 0.92, data_modeling: 0.92, explanation: 0.95, analysis: 0.95, general: 0.9 };
const GENERALIST = { sql_generation: 0.85, python_code: 0.85, yaml_config: 0.8, debugging: 0.82, optimization: 0.8, transformation: 0.8, schema_design: 0.85, data_modeling: 0.85, explanation: 0.88, analysis: 0.88, general: 0.88 };
const LIGHT = { sql_generation: 0.75, python_code: 0.75, yaml_config: 0.75, debugging: 0.7, optimization: 0.7, transformation: 0.75, schema_design: 0.7, data_modeling: 0.7, explanation: 0.8, analysis: 0.75, general: 0.8 };

const profile = (typicalLatencyMs: number, reliability: number, strengths: ModelProfile['strengths']): ModelProfile => ({ typicalLatencyMs, reliability, strengths });

export const MODEL_PROFILES: Readonly<Record<string, ModelProfile>> = {
  'together/qwen3-coder-480b': profile(1_800, 0.93, CODE),
  'qwen3-coder-plus': profile(1_800, 0.93, CODE),
  'claude-3-5-sonnet': profile(2_500, 0.95, REASONING),
  'claude-sonnet-4-5': profile(2_500, 0.95, REASONING),
  'claude-opus-4-1': profile(4_000, 0.95, REASONING),
  'claude-haiku-4-5': profile(1_200, 0.94, GENERALIST),
  'gpt-4-turbo': profile(3_000, 0.92, GENERALIST),
  'gpt-4o': profile(2_000, 0.93, GENERALIST),
  'gpt-4o-mini': profile(1_200, 0.93, LIGHT),
  'gemini-1.5-pro': profile(1_800, 0.88, GENERALIST),
  'gemini-2.5-pro': profile(3_000, 0.9, REASONING),
  'gemini-2.5-flash': profile(1_200, 0.9, GENERALIST),
  'gemini-2.0-flash': profile(900, 0.9, LIGHT),
  'codestral-latest': profile(2_000, 0.9, CODE),
  'mistral-large-latest': profile(2_200, 0.9, GENERALIST),
  'mistral-small-latest': profile(1_000, 0.9, LIGHT),
  'deepseek-coder': profile(1_500, 0.87, CODE),
  'deepseek-chat': profile(1_500, 0.87, GENERALIST),
  'deepseek-reasoner': profile(6_000, 0.87, REASONING),
  'command-r-plus': profile(1_200, 0.85, GENERALIST),
  'command-r': profile(1_000, 0.85, LIGHT),
  'command-a': profile(1_500, 0.87, GENERALIST),
};

const DEFAULT_PROFILE = profile(2_000, 0.9, { general: 0.7 });

/** A model's routing priors: the providers file's, else the table's, else conservative defaults. */
export function profileOf(model: ModelEntry): ModelProfile {
  const base = MODEL_PROFILES[model.id] ?? DEFAULT_PROFILE;
  return {
    typicalLatencyMs: model.profile?.typicalLatencyMs ?? base.typicalLatencyMs,
    reliability: model.profile?.reliability ?? base.reliability,
    strengths: { ...base.strengths, ...model.profile?.strengths },
  };
}
