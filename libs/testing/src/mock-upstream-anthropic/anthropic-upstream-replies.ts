import { randomBytes } from 'node:crypto';
import { splitInto } from '../mock-upstream/mock-server';
import { countWords } from '../mock-upstream/upstream-replies';
import type { AnthropicUpstreamBehaviour } from './anthropic-upstream-behaviour';

export interface AnthropicRequestBody {
  model?: unknown;
  system?: unknown;
  messages?: Array<{ content?: unknown }>;
  stream?: unknown;
}

export const mockAnthropicId = (prefix: 'msg' | 'toolu' | 'req') => `${prefix}_01${randomBytes(12).toString('hex')}`;

/**
 * The mock's token count, simple on purpose so tests can predict it: input tokens are the
 * whitespace-separated words of the system prompt and of every text and tool_result, plus 3 per
 * message; output tokens are the words of the reply plus those of the tool input's JSON.
 */
export function mockAnthropicUsage(
  body: AnthropicRequestBody,
  behaviour: Pick<AnthropicUpstreamBehaviour, 'reply' | 'toolCall'>,
) {
  const input_tokens = (body.messages ?? []).reduce(
    (sum, message) => sum + 3 + countWords(textOf(message.content)),
    countWords(textOf(body.system)),
  );
  const toolWords = behaviour.toolCall ? countWords(JSON.stringify(toolInputOf(behaviour.toolCall))) : 0;
  return { input_tokens, output_tokens: countWords(behaviour.reply) + toolWords };
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((block: { text?: unknown; content?: unknown }) => textOf(block?.text ?? block?.content)).join(' ');
}

const modelOf = (body: AnthropicRequestBody) =>
  typeof body.model === 'string' ? body.model : 'claude-sonnet-4-5-20250929';

function usageOf(body: AnthropicRequestBody, behaviour: AnthropicUpstreamBehaviour) {
  return {
    ...mockAnthropicUsage(body, behaviour),
    cache_creation_input_tokens: behaviour.cacheCreationInputTokens,
    cache_read_input_tokens: behaviour.cacheReadInputTokens,
  };
}

function stopReasonOf(behaviour: AnthropicUpstreamBehaviour): string {
  return behaviour.stopReason ?? (behaviour.toolCall ? 'tool_use' : 'end_turn');
}

/** A Messages API `message` as POST /v1/messages answers it. */
export function messageBody(body: AnthropicRequestBody, behaviour: AnthropicUpstreamBehaviour): object {
  const content: object[] = [];
  if (behaviour.reply) content.push({ type: 'text', text: behaviour.reply });
  if (behaviour.toolCall) content.push(toolUseBlock(behaviour.toolCall));
  return {
    id: mockAnthropicId('msg'),
    type: 'message',
    role: 'assistant',
    model: modelOf(body),
    content,
    stop_reason: stopReasonOf(behaviour),
    stop_sequence: null,
    usage: { ...usageOf(body, behaviour), service_tier: 'standard' },
  };
}

type ToolCall = NonNullable<AnthropicUpstreamBehaviour['toolCall']>;

/** Anthropic sends tool input as an object; the shared behaviour holds OpenAI-style JSON arguments. */
function toolInputOf(toolCall: ToolCall): Record<string, unknown> {
  try {
    return JSON.parse(toolCall.arguments) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function toolUseBlock(toolCall: ToolCall): object {
  return { type: 'tool_use', id: mockAnthropicId('toolu'), name: toolCall.name, input: toolInputOf(toolCall) };
}

/** The SSE events of a streamed reply, in Anthropic's order, each `event:` + `data:` + blank line. */
export function anthropicStreamEvents(body: AnthropicRequestBody, behaviour: AnthropicUpstreamBehaviour): string[] {
  const usage = usageOf(body, behaviour);
  const events: Array<[string, object]> = [
    [
      'message_start',
      {
        message: {
          id: mockAnthropicId('msg'),
          type: 'message',
          role: 'assistant',
          model: modelOf(body),
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { ...usage, output_tokens: 1 },
        },
      },
    ],
  ];
  let index = 0;
  if (behaviour.reply) {
    events.push(['content_block_start', { index, content_block: { type: 'text', text: '' } }], ['ping', {}]);
    for (const text of splitInto(behaviour.reply, behaviour.streamChunks)) {
      events.push(['content_block_delta', { index, delta: { type: 'text_delta', text } }]);
    }
    events.push(['content_block_stop', { index }]);
    index += 1;
  }
  if (behaviour.toolCall) {
    events.push(['content_block_start', { index, content_block: { ...toolUseBlock(behaviour.toolCall), input: {} } }]);
    const json = JSON.stringify(toolInputOf(behaviour.toolCall));
    for (const partial_json of ['', ...splitInto(json, behaviour.streamChunks)]) {
      events.push(['content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } }]);
    }
    events.push(['content_block_stop', { index }]);
  }
  events.push(
    [
      'message_delta',
      {
        delta: { stop_reason: stopReasonOf(behaviour), stop_sequence: null },
        usage: { output_tokens: usage.output_tokens },
      },
    ],
    ['message_stop', {}],
  );
  if (behaviour.streamError) {
    const at = events.findIndex(([type]) => type === 'content_block_delta');
    const error = {
      error: { type: behaviour.streamError, message: ERRORS[behaviour.streamError]?.message ?? 'Error' },
    };
    events.splice(at + 1, events.length, ['error', error]);
  }
  return events.map(([type, data]) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
}

// Anthropic's documented error types and messages it is known to send with them.
const ERRORS: Record<string, { status: number; message: string }> = {
  invalid_request_error: { status: 400, message: 'messages: text content blocks must be non-empty' },
  authentication_error: { status: 401, message: 'invalid x-api-key' },
  permission_error: { status: 403, message: 'Your API key does not have permission to use the specified resource.' },
  not_found_error: { status: 404, message: 'model: claude-sonnet-9' },
  request_too_large: { status: 413, message: 'Request exceeds the maximum allowed number of bytes.' },
  rate_limit_error: {
    status: 429,
    message:
      'Number of request tokens has exceeded your per-minute rate limit. Please reduce the prompt length or try again later.',
  },
  api_error: { status: 500, message: 'Internal server error' },
  overloaded_error: { status: 529, message: 'Overloaded' },
};
const TYPE_BY_STATUS = new Map(Object.entries(ERRORS).map(([type, { status }]) => [status, type]));

/** Anthropic's error body for `status` (`error.type` and `error.message` overridable). */
export function anthropicErrorBody(
  status: number,
  override: { type?: string; message?: string } | null = null,
): object {
  const type = override?.type ?? TYPE_BY_STATUS.get(status) ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  const message = override?.message ?? ERRORS[type]?.message ?? 'Error';
  return { type: 'error', error: { type, message }, request_id: mockAnthropicId('req') };
}
