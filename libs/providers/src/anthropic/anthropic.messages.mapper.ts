import { type ChatMessage, ProviderError } from '@llmgw/contracts';
import type {
  AnthropicContentBlockParam,
  AnthropicImageSource,
  AnthropicMessageParam,
} from './anthropic.request.types';

export interface AnthropicConversation {
  /** The texts of every system and developer message, in order (Anthropic takes one top-level `system`). */
  system: string[];
  messages: AnthropicMessageParam[];
}

type Part = Exclude<ChatMessage['content'], string | null | undefined>[number];

/**
 * OpenAI messages to Anthropic's: system/developer lifted out, tool results sent as user
 * `tool_result` blocks, assistant tool calls as `tool_use` blocks, and consecutive messages of one
 * role merged so user and assistant alternate. Pure; throws an invalid_request_error ProviderError.
 */
export function toAnthropicConversation(provider: string, messages: readonly ChatMessage[]): AnthropicConversation {
  const system: string[] = [];
  const turns: Array<{ role: 'user' | 'assistant'; blocks: AnthropicContentBlockParam[] }> = [];
  messages.forEach((message, index) => {
    if (message.role === 'system' || message.role === 'developer') {
      const text = textOf(message.content);
      if (text) system.push(text);
      return;
    }
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const blocks = blocksOf(provider, message, index);
    // Anthropic refuses empty text blocks and empty turns: an empty message carries nothing anyway.
    if (blocks.length === 0) return;
    const previous = turns.at(-1);
    if (previous?.role === role) previous.blocks.push(...blocks);
    else turns.push({ role, blocks });
  });
  return { system, messages: turns.map(({ role, blocks }) => ({ role, content: collapse(blocks) })) };
}

function blocksOf(provider: string, message: ChatMessage, index: number): AnthropicContentBlockParam[] {
  switch (message.role) {
    case 'user':
      return partsOf(message.content).flatMap((part) =>
        isEmptyText(part) ? [] : [contentBlock(provider, part, index)],
      );
    case 'assistant':
      return [
        ...partsOf(message.content ?? '').flatMap((part) =>
          isEmptyText(part) ? [] : [contentBlock(provider, part, index)],
        ),
        ...(message.tool_calls ?? []).map((call, callIndex) => ({
          type: 'tool_use' as const,
          id: call.id,
          name: call.function.name,
          input: toolInput(provider, call.function.arguments, `messages.${index}.tool_calls.${callIndex}`),
        })),
      ];
    case 'tool':
      return [{ type: 'tool_result', tool_use_id: message.tool_call_id, content: textOf(message.content) }];
    default:
      return [];
  }
}

function contentBlock(provider: string, part: Part, index: number): AnthropicContentBlockParam {
  if (part.type === 'text') return { type: 'text', text: part.text };
  return { type: 'image', source: imageSource(provider, part.image_url.url, `messages.${index}.content`) };
}

const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+);base64,(.+)$/s;
// The image types Anthropic's vision accepts.
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

function imageSource(provider: string, url: string, param: string): AnthropicImageSource {
  const data = DATA_URL.exec(url);
  if (data) {
    const mediaType = data[1]!.toLowerCase();
    if (!IMAGE_TYPES.has(mediaType))
      throw invalid(provider, `${mediaType} images are not supported by Anthropic`, param);
    return { type: 'base64', media_type: mediaType, data: data[2]! };
  }
  if (/^https?:\/\//i.test(url)) return { type: 'url', url };
  throw invalid(provider, 'an image must be a base64 data URL or an http(s) URL', param);
}

/** OpenAI sends tool arguments as a JSON string; Anthropic wants the object. */
function toolInput(provider: string, argumentsJson: string, param: string): Record<string, unknown> {
  if (argumentsJson.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(argumentsJson);
  } catch (error) {
    throw invalid(provider, 'tool call arguments are not valid JSON', param, error);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid(provider, 'tool call arguments must be a JSON object', param);
  }
  return parsed as Record<string, unknown>;
}

function partsOf(content: ChatMessage['content']): Part[] {
  if (content === null || content === undefined) return [];
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

function textOf(content: ChatMessage['content']): string {
  return partsOf(content)
    .map((part) => (part.type === 'text' ? part.text : ''))
    .join('');
}

const isEmptyText = (part: Part) => part.type === 'text' && part.text.trim() === '';

/** A turn that is one text block goes as a plain string, as Anthropic's own examples write it. */
function collapse(blocks: AnthropicContentBlockParam[]): string | AnthropicContentBlockParam[] {
  const [only] = blocks;
  return blocks.length === 1 && only?.type === 'text' ? only.text : blocks;
}

function invalid(provider: string, message: string, param: string, cause?: unknown): ProviderError {
  return new ProviderError('invalid_request_error', `${provider}: ${message}`, provider, null, { param, cause });
}
