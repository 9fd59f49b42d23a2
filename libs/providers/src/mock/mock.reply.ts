import { createHash } from 'node:crypto';
import type { ChatCompletionRequest, ChatMessage, FinishReason, ToolCall } from '@llmgw/contracts';
import type { ModelEntry } from '../registry/model-entry';
import { truncateToTokens } from '../token-counter';
import { forcedTool, mockToolCall } from './mock.tool-call';

export interface MockReply {
  content: string | null;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
}

const WORDS = [
  'gateway',
  'token',
  'stream',
  'budget',
  'route',
  'cache',
  'model',
  'answer',
  'provider',
  'latency',
  'request',
  'usage',
  'replica',
  'metric',
  'policy',
  'queue',
];
const REPLY_WORDS = 12;
const ECHO_CHARS = 40;

/**
 * The mock model's answer: a pure function of the last user message (same request, same reply).
 * It echoes the start of that message, so tests can see their prompt went through, then adds
 * words picked by a hash of it. Honours `max_tokens` and forced tool calls.
 */
export function mockReply(request: ChatCompletionRequest, model: ModelEntry): MockReply {
  const userText = lastUserText(request.messages);
  const seed = createHash('sha256').update(userText).digest();
  const echo = userText.replace(/\s+/g, ' ').trim().slice(0, ECHO_CHARS);

  const tool = forcedTool(request);
  if (tool)
    return { content: null, toolCalls: [mockToolCall(tool, seed.toString('hex'), echo)], finishReason: 'tool_calls' };

  const words = Array.from({ length: REPLY_WORDS }, (_, i) => WORDS[(seed[i] ?? 0) % WORDS.length]);
  const full = `Mock reply to "${echo}": ${words.join(' ')}.`;
  const maxTokens = Math.min(
    request.max_completion_tokens ?? request.max_tokens ?? model.maxOutputTokens,
    model.maxOutputTokens,
  );
  const content = truncateToTokens(full, maxTokens);
  return { content, toolCalls: [], finishReason: content === full ? 'stop' : 'length' };
}

function lastUserText(messages: readonly ChatMessage[]): string {
  const last = [...messages].reverse().find((message) => message.role === 'user');
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  return last.content.map((part) => (part.type === 'text' ? part.text : '')).join(' ');
}
