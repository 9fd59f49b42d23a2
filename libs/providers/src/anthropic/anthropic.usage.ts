import type { TokenUsage } from '@llmgw/contracts';
import type { AnthropicUsage } from './anthropic.wire.schema';

/**
 * Anthropic counts cached prompt tokens apart from `input_tokens`: the prompt is all three.
 * (Upstream bills cache writes at 1.25x and reads at 0.1x; we meter them at the input price.)
 */
export function promptTokensOf(usage: AnthropicUsage): number {
  return (usage.input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0);
}

export function tokenUsage(promptTokens: number, completionTokens: number): TokenUsage {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}
