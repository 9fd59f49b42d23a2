import type { GatewayConfig } from '@llmgw/config';

// Provider id → the variable naming its default model.
const DEFAULT_MODEL_VARIABLES = {
  openai: 'OPENAI_MODEL',
  anthropic: 'ANTHROPIC_MODEL',
  gemini: 'GEMINI_MODEL',
  mistral: 'MISTRAL_MODEL',
  cohere: 'COHERE_MODEL',
  deepseek: 'DEEPSEEK_MODEL',
  together: 'TOGETHER_MODEL',
  qwen: 'QWEN_MODEL',
  openrouter: 'OPENROUTER_MODEL',
  ollama: 'OLLAMA_MODEL',
} as const satisfies Record<string, keyof GatewayConfig>;

type DefaultModelVariable = (typeof DEFAULT_MODEL_VARIABLES)[keyof typeof DEFAULT_MODEL_VARIABLES];

/** Each provider's default model from configuration (`*_MODEL`), keyed by provider id. */
export function defaultModelsOf(read: (variable: DefaultModelVariable) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(DEFAULT_MODEL_VARIABLES).map(([provider, variable]) => [provider, read(variable)]));
}
