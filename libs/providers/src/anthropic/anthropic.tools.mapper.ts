import type { ChatCompletionRequest } from '@llmgw/contracts';
import type { AnthropicToolChoice, AnthropicToolParam } from './anthropic.request.types';

type Tools = NonNullable<ChatCompletionRequest['tools']>;
type ToolChoice = NonNullable<ChatCompletionRequest['tool_choice']>;

/** OpenAI function tools to Anthropic's `{name, description, input_schema}`. Pure. */
export function toAnthropicTools(tools: Tools): AnthropicToolParam[] {
  return tools.map(({ function: fn }) => ({
    name: fn.name,
    ...(fn.description ? { description: fn.description } : {}),
    // Anthropic requires an object schema; a function without parameters takes none.
    input_schema: fn.parameters ?? { type: 'object', properties: {} },
  }));
}

/**
 * OpenAI's tool_choice to Anthropic's: 'required' is 'any', a named function is 'tool'.
 * `parallel_tool_calls: false` becomes `disable_parallel_tool_use`, which Anthropic only
 * accepts on a tool_choice, so it implies 'auto' when the client named no choice.
 */
export function toAnthropicToolChoice(
  choice: ToolChoice | undefined,
  parallelToolCalls: unknown,
): AnthropicToolChoice | undefined {
  const sequential = parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') return { type: 'any', ...sequential };
  if (typeof choice === 'object') return { type: 'tool', name: choice.function.name, ...sequential };
  if (choice === 'auto' || parallelToolCalls === false) return { type: 'auto', ...sequential };
  return undefined;
}
