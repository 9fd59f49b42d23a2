import { GatewayError, type ChatCompletion, type ToolCall } from '@llmgw/contracts';
import type { AnthropicContentBlock, AnthropicMessage, AnthropicToolUseBlock } from './anthropic-message';
import { toAnthropicStopReason } from './anthropic-stop-reason';

/** An OpenAI completion id made into an Anthropic message id, so the two stay traceable. */
export function anthropicMessageId(completionId: string): string {
  return `msg_${completionId.replace(/^chatcmpl-/, '')}`;
}

/** An OpenAI chat completion as the Anthropic message a Messages client expects. */
export function toAnthropicMessage(completion: ChatCompletion): AnthropicMessage {
  const choice = completion.choices[0];
  const content: AnthropicContentBlock[] = [];
  const text = choice?.message.content;
  if (text) content.push({ type: 'text', text });
  for (const call of choice?.message.tool_calls ?? []) content.push(toToolUseBlock(call));
  return {
    id: anthropicMessageId(completion.id),
    type: 'message',
    role: 'assistant',
    model: completion.model,
    content,
    stop_reason: toAnthropicStopReason(choice?.finish_reason),
    stop_sequence: null,
    usage: { input_tokens: completion.usage.prompt_tokens, output_tokens: completion.usage.completion_tokens },
  };
}

function toToolUseBlock(call: ToolCall): AnthropicToolUseBlock {
  return { type: 'tool_use', id: call.id, name: call.function.name, input: parseToolInput(call) };
}

/** Anthropic gives tool input as a JSON object; a provider that sent anything else answered wrong. */
function parseToolInput(call: ToolCall): Record<string, unknown> {
  if (call.function.arguments.trim() === '') return {};
  let input: unknown;
  try {
    input = JSON.parse(call.function.arguments);
  } catch (cause) {
    throw invalidArguments(call, cause);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalidArguments(call);
  return input as Record<string, unknown>;
}

function invalidArguments(call: ToolCall, cause?: unknown): GatewayError {
  return new GatewayError('upstream_error', `The provider returned arguments for tool "${call.function.name}" that are not a JSON object`, {
    code: 'invalid_tool_arguments',
    cause,
  });
}
