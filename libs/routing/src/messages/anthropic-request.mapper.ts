import { invalidRequestFromZod, type ChatCompletionRequest, type ChatMessage } from '@llmgw/contracts';
import {
  anthropicMessagesRequestSchema,
  type AnthropicMessageParam,
  type AnthropicMessagesRequest,
} from './anthropic-messages.request';

type UserMessage = Extract<AnthropicMessageParam, { role: 'user' }>;
type AssistantMessage = Extract<AnthropicMessageParam, { role: 'assistant' }>;
type UserBlock = Exclude<UserMessage['content'], string>[number];
type UserPart = Extract<ChatMessage, { role: 'user' }>['content'] extends string | (infer P)[] ? P : never;

/**
 * An Anthropic Messages body as the OpenAI chat request the gateway pipeline runs. Throws an
 * `invalid_request_error` naming the field when the body is not a valid Messages request.
 */
export function toChatRequest(body: unknown): ChatCompletionRequest {
  const parsed = anthropicMessagesRequestSchema.safeParse(body);
  if (!parsed.success) throw invalidRequestFromZod(parsed.error);
  const request = parsed.data;
  const chat: ChatCompletionRequest = {
    model: request.model,
    messages: [...systemMessages(request.system), ...request.messages.flatMap(toChatMessages)],
    max_tokens: request.max_tokens,
  };
  if (request.temperature !== undefined) chat.temperature = request.temperature;
  if (request.top_p !== undefined) chat.top_p = request.top_p;
  if (request.stop_sequences && request.stop_sequences.length > 0) chat.stop = request.stop_sequences;
  if (request.metadata?.user_id) chat.user = request.metadata.user_id;
  if (request.stream) {
    // The final usage chunk carries output tokens for `message_delta`.
    chat.stream = true;
    chat.stream_options = { include_usage: true };
  }
  Object.assign(chat, toolOptions(request));
  return chat;
}

function systemMessages(system: AnthropicMessagesRequest['system']): ChatMessage[] {
  if (system === undefined) return [];
  const text = typeof system === 'string' ? system : system.map((block) => block.text).join('\n');
  return text.length > 0 ? [{ role: 'system', content: text }] : [];
}

function toChatMessages(message: AnthropicMessageParam): ChatMessage[] {
  return message.role === 'user' ? userMessages(message) : [assistantMessage(message)];
}

/**
 * Tool results become `tool` messages (OpenAI wants them right after the assistant's call);
 * the other blocks stay user content, in their original order around them.
 */
function userMessages(message: UserMessage): ChatMessage[] {
  if (typeof message.content === 'string') return [{ role: 'user', content: message.content }];
  const messages: ChatMessage[] = [];
  let parts: UserPart[] = [];
  const flushParts = () => {
    if (parts.length > 0) messages.push({ role: 'user', content: parts });
    parts = [];
  };
  for (const block of message.content) {
    if (block.type === 'tool_result') {
      flushParts();
      messages.push({ role: 'tool', tool_call_id: block.tool_use_id, content: toolResultText(block) });
    } else {
      parts.push(toUserPart(block));
    }
  }
  flushParts();
  return messages;
}

function toUserPart(block: Exclude<UserBlock, { type: 'tool_result' }>): UserPart {
  if (block.type === 'text') return { type: 'text', text: block.text };
  const url = block.source.type === 'base64' ? `data:${block.source.media_type};base64,${block.source.data}` : block.source.url;
  return { type: 'image_url', image_url: { url } };
}

function toolResultText(block: Extract<UserBlock, { type: 'tool_result' }>): string {
  const content = block.content ?? '';
  const text = typeof content === 'string' ? content : content.map((part) => part.text).join('\n');
  // OpenAI tool messages have no error flag: the model learns of the failure from the text.
  return block.is_error ? `Error: ${text}` : text;
}

function assistantMessage(message: AssistantMessage): ChatMessage {
  if (typeof message.content === 'string') return { role: 'assistant', content: message.content };
  const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
  const toolCalls = message.content.flatMap((block) =>
    block.type === 'tool_use'
      ? [{ id: block.id, type: 'function' as const, function: { name: block.name, arguments: JSON.stringify(block.input) } }]
      : [],
  );
  if (toolCalls.length === 0) return { role: 'assistant', content: text };
  return { role: 'assistant', content: text.length > 0 ? text : null, tool_calls: toolCalls };
}

function toolOptions(request: AnthropicMessagesRequest): Partial<ChatCompletionRequest> & { parallel_tool_calls?: boolean } {
  const options: Partial<ChatCompletionRequest> & { parallel_tool_calls?: boolean } = {};
  if (request.tools && request.tools.length > 0) {
    options.tools = request.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, parameters: tool.input_schema, ...(tool.description ? { description: tool.description } : {}) },
    }));
  }
  const choice = request.tool_choice;
  if (!choice) return options;
  if (choice.type === 'auto') options.tool_choice = 'auto';
  else if (choice.type === 'any') options.tool_choice = 'required';
  else if (choice.type === 'none') options.tool_choice = 'none';
  else options.tool_choice = { type: 'function', function: { name: choice.name } };
  if (choice.type !== 'none' && choice.disable_parallel_tool_use) options.parallel_tool_calls = false;
  return options;
}
