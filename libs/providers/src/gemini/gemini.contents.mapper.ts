import { type ChatMessage, ProviderError } from '@llmgw/contracts';

export type GeminiPart = Record<string, unknown>;

export interface GeminiContent {
  role: 'user' | 'model';
  parts: GeminiPart[];
}

export interface GeminiConversation {
  systemInstruction?: { parts: GeminiPart[] };
  contents: GeminiContent[];
}

const MIME_BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
};

/**
 * OpenAI messages as Gemini contents. System and developer messages, wherever they stand, join
 * `systemInstruction` (Gemini has no system turn); user is 'user', assistant is 'model'; tool
 * results become `functionResponse` parts in a 'user' turn, named after the earlier call with the
 * same id. Adjacent turns of one role merge, so parallel tool results land in one turn as Gemini
 * requires. Throws invalid_request_error for input Gemini cannot take. Pure.
 */
export function toGeminiConversation(provider: string, messages: readonly ChatMessage[]): GeminiConversation {
  const system: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  const toolNames = new Map<string, string>();
  const push = (role: GeminiContent['role'], parts: GeminiPart[]) => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };

  messages.forEach((message, index) => {
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...textParts(message.content));
        return;
      case 'user':
        return push('user', userParts(provider, message.content, index));
      case 'assistant': {
        const calls = (message.tool_calls ?? []).map((call, callIndex) => {
          // A later turn may reuse an id ('call_0'): the latest call with it is the one answered.
          toolNames.set(call.id, call.function.name);
          const args = parseArguments(provider, call.function.arguments, `messages[${index}].tool_calls[${callIndex}]`);
          return { functionCall: { name: call.function.name, args } };
        });
        return push('model', [...textParts(message.content), ...calls]);
      }
      case 'tool': {
        const name = toolNames.get(message.tool_call_id);
        if (!name) {
          throw invalid(
            provider,
            `no earlier assistant tool call has id '${message.tool_call_id}'`,
            `messages[${index}].tool_call_id`,
          );
        }
        const text = textParts(message.content)
          .map((part) => part.text)
          .join('');
        return push('user', [{ functionResponse: { name, response: { result: parseMaybeJson(text) } } }]);
      }
    }
  });
  return system.length > 0 ? { systemInstruction: { parts: system }, contents } : { contents };
}

type TextContent = string | Array<{ type: 'text'; text: string }> | null | undefined;

function textParts(content: TextContent): Array<{ text: string }> {
  if (content === null || content === undefined) return [];
  const texts = typeof content === 'string' ? [content] : content.map((part) => part.text);
  // Gemini refuses empty text parts.
  return texts.filter((text) => text.length > 0).map((text) => ({ text }));
}

type UserContent = Extract<ChatMessage, { role: 'user' }>['content'];

function userParts(provider: string, content: UserContent, index: number): GeminiPart[] {
  if (typeof content === 'string') return textParts(content);
  return content.flatMap((part, partIndex): GeminiPart[] => {
    if (part.type === 'text') return textParts(part.text);
    return [imagePart(provider, part.image_url.url, `messages[${index}].content[${partIndex}].image_url.url`)];
  });
}

function imagePart(provider: string, url: string, param: string): GeminiPart {
  const dataUrl = /^data:([^;,]+)((?:;[^;,]*)*),(.*)$/s.exec(url);
  if (dataUrl) {
    const [, mimeType, flags, payload] = dataUrl as unknown as [string, string, string, string];
    const data = flags.includes(';base64') ? payload : Buffer.from(decodeURIComponent(payload)).toString('base64');
    return { inlineData: { mimeType, data } };
  }
  if (/^https?:\/\//i.test(url)) return { fileData: { fileUri: url, mimeType: mimeFromUrl(url) } };
  throw invalid(provider, 'image URLs must be data: URLs or http(s) URLs', param);
}

/** The image type by file extension, ignoring query and fragment; JPEG when it says nothing. */
export function mimeFromUrl(url: string): string {
  const path = url.split(/[?#]/)[0] ?? '';
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return (extension && MIME_BY_EXTENSION[extension]) ?? 'image/jpeg';
}

function parseArguments(provider: string, text: string, param: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalid(provider, 'tool call arguments are not valid JSON', `${param}.function.arguments`, error);
  }
  // Gemini's `args` is a JSON object (a protobuf Struct): keep anything else under a key.
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : { value: parsed };
}

function parseMaybeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function invalid(provider: string, detail: string, param: string, cause?: unknown): ProviderError {
  return new ProviderError('invalid_request_error', `${provider}: ${detail}`, provider, null, { param, cause });
}
