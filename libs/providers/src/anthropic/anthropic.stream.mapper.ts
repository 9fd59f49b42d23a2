import type { ChatCompletionChunk, FinishReason } from '@llmgw/contracts';
import { invalidResponse } from '../openai/openai.errors';
import type { SseEvent } from '../streaming/sse.decoder';
import { mapAnthropicStreamError } from './anthropic.errors';
import { finishReasonFromStopReason } from './anthropic.finish-reason';
import { promptTokensOf, tokenUsage } from './anthropic.usage';
import {
  type AnthropicStreamEvent,
  type AnthropicUsage,
  anthropicStreamEventSchema,
  isTextBlock,
  isToolUseBlock,
} from './anthropic.wire.schema';

/** What a stream has told us so far. Treat as immutable: each step returns a new one. */
export interface AnthropicStreamState {
  readonly provider: string;
  readonly created: number;
  readonly id: string | null;
  readonly model: string;
  /** The latest counts: message_start's, updated by message_delta's (cumulative) ones. */
  readonly usage: AnthropicUsage;
  /** Anthropic content block index -> OpenAI tool_calls index (tool_use blocks only). */
  readonly toolIndexByBlock: Readonly<Record<number, number>>;
  readonly finished: boolean;
  /** message_stop seen: the usage chunk went out and nothing else may follow. */
  readonly stopped: boolean;
}

export interface AnthropicStreamStep {
  state: AnthropicStreamState;
  chunks: ChatCompletionChunk[];
}

const KNOWN_EVENTS: ReadonlySet<string> = new Set(
  anthropicStreamEventSchema.options.map((option) => option.shape.type.value),
);

export function startAnthropicStream(provider: string, nowSeconds: number): AnthropicStreamState {
  return {
    provider,
    created: nowSeconds,
    id: null,
    model: '',
    usage: {},
    toolIndexByBlock: {},
    finished: false,
    stopped: false,
  };
}

/**
 * One SSE event of a Messages API stream as OpenAI chunks: the role chunk on message_start, text
 * and tool-call deltas, a finish chunk on message_delta, the usage chunk (no choices) on
 * message_stop. An `error` event throws a ProviderError; a malformed one an 'invalid response'.
 * Unknown event types are skipped, as Anthropic's versioning policy asks. Pure.
 */
export function readAnthropicStreamEvent(state: AnthropicStreamState, sse: SseEvent): AnthropicStreamStep {
  const event = parseEvent(state.provider, sse);
  if (!event || event.type === 'ping' || state.stopped) return { state, chunks: [] };
  if (event.type === 'error') throw mapAnthropicStreamError(state.provider, event.error);
  if (event.type === 'message_start') {
    const { id, model, usage } = event.message;
    const next = { ...state, id, model, usage };
    return { state: next, chunks: [chunk(next, { role: 'assistant', content: '' })] };
  }
  if (state.id === null) throw invalidResponse(state.provider, `stream sent ${event.type} before message_start`);
  return readMessageEvent(state, event);
}

function readMessageEvent(state: AnthropicStreamState, event: AnthropicStreamEvent): AnthropicStreamStep {
  switch (event.type) {
    case 'content_block_start': {
      const block = event.content_block;
      if (isTextBlock(block)) return { state, chunks: block.text ? [chunk(state, { content: block.text })] : [] };
      if (!isToolUseBlock(block)) return { state, chunks: [] };
      const index = Object.keys(state.toolIndexByBlock).length;
      const next = { ...state, toolIndexByBlock: { ...state.toolIndexByBlock, [event.index]: index } };
      const call = { index, id: block.id, type: 'function' as const, function: { name: block.name, arguments: '' } };
      return { state: next, chunks: [chunk(next, { tool_calls: [call] })] };
    }
    case 'content_block_delta': {
      const { delta } = event;
      if (delta.type === 'text_delta' && typeof delta['text'] === 'string' && delta['text']) {
        return { state, chunks: [chunk(state, { content: delta['text'] })] };
      }
      const index = state.toolIndexByBlock[event.index];
      const fragment = delta['partial_json'];
      if (delta.type !== 'input_json_delta' || index === undefined || typeof fragment !== 'string' || !fragment) {
        return { state, chunks: [] };
      }
      return { state, chunks: [chunk(state, { tool_calls: [{ index, function: { arguments: fragment } }] })] };
    }
    case 'message_delta': {
      // Counts here are cumulative: each one present replaces message_start's.
      const reported = Object.entries(event.usage ?? {}).filter(([, count]) => typeof count === 'number');
      const next = { ...state, usage: { ...state.usage, ...Object.fromEntries(reported) } };
      if (state.finished || event.delta.stop_reason == null) return { state: next, chunks: [] };
      const finish = finishReasonFromStopReason(event.delta.stop_reason);
      return { state: { ...next, finished: true }, chunks: [chunk(next, {}, finish)] };
    }
    case 'message_stop':
      return { state: { ...state, finished: true, stopped: true }, chunks: closingChunks(state) };
    default:
      return { state, chunks: [] };
  }
}

/**
 * The body ended. After message_stop: nothing more. After the finish but without message_stop:
 * the usage chunk is still owed. Before any finish: the answer is incomplete (an error).
 */
export function endAnthropicStream(state: AnthropicStreamState): ChatCompletionChunk[] {
  if (state.stopped) return [];
  if (!state.finished) throw invalidResponse(state.provider, 'stream ended before the answer was complete');
  return closingChunks(state);
}

function closingChunks(state: AnthropicStreamState): ChatCompletionChunk[] {
  const finish = state.finished ? [] : [chunk(state, {}, 'stop')];
  const usage = {
    ...base(state),
    choices: [],
    usage: tokenUsage(promptTokensOf(state.usage), state.usage.output_tokens ?? 0),
  };
  return [...finish, usage];
}

function parseEvent(provider: string, sse: SseEvent): AnthropicStreamEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(sse.data);
  } catch (error) {
    throw invalidResponse(provider, 'stream event is not JSON', error);
  }
  const type = (json as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !KNOWN_EVENTS.has(type)) return null;
  const parsed = anthropicStreamEventSchema.safeParse(json);
  if (!parsed.success) throw invalidResponse(provider, `malformed ${type} event`, parsed.error);
  return parsed.data;
}

type Delta = ChatCompletionChunk['choices'][number]['delta'];

function base(state: AnthropicStreamState) {
  return { id: state.id ?? '', object: 'chat.completion.chunk' as const, created: state.created, model: state.model };
}

function chunk(
  state: AnthropicStreamState,
  delta: Delta,
  finishReason: FinishReason | null = null,
): ChatCompletionChunk {
  return { ...base(state), choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }] };
}
