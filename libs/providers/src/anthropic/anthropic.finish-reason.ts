import type { FinishReason } from '@llmgw/contracts';

const BY_STOP_REASON: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  // A server tool loop paused: the turn is over for the client.
  pause_turn: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

/** Anthropic's `stop_reason` as OpenAI's `finish_reason`; an unknown or missing one reads as 'stop'. */
export function finishReasonFromStopReason(stopReason: string | null | undefined): FinishReason {
  return (stopReason && BY_STOP_REASON[stopReason]) || 'stop';
}
