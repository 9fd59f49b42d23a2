import type { FinishReason } from '@llmgw/contracts';
import type { AnthropicStopReason } from './anthropic-message';

/**
 * OpenAI's finish reason as Anthropic's stop reason. OpenAI says `stop` both for a natural end
 * and for a matched stop sequence (without naming it), so `stop_sequence` is never reported.
 */
export function toAnthropicStopReason(finishReason: FinishReason | null | undefined): AnthropicStopReason {
  switch (finishReason) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}
