import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChatCompletionChunk } from '@llmgw/contracts';
import { openAiSchemaErrors } from '@llmgw/testing';
import { type SseEvent, SseDecoder } from '../streaming/sse.decoder';
import { endAnthropicStream, readAnthropicStreamEvent, startAnthropicStream } from './anthropic.stream.mapper';

const fixture = (name: string) => readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');

function decode(sse: string): SseEvent[] {
  const decoder = new SseDecoder();
  return [...decoder.push(sse), ...decoder.end()];
}

/** Runs the mapper over a whole stream, as the adapter does. */
function mapStream(sse: string): ChatCompletionChunk[] {
  let state = startAnthropicStream('anthropic', 1_700_000_000);
  const chunks: ChatCompletionChunk[] = [];
  for (const event of decode(sse)) {
    const step = readAnthropicStreamEvent(state, event);
    state = step.state;
    chunks.push(...step.chunks);
  }
  return [...chunks, ...endAnthropicStream(state)];
}

const textOf = (chunks: ChatCompletionChunk[]) => chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
const event = (data: object): SseEvent => ({ event: (data as { type: string }).type, data: JSON.stringify(data) });

describe('Anthropic stream mapping', () => {
  it('maps a text stream: role, content, one finish, then usage (input + cached, output from message_delta)', () => {
    const chunks = mapStream(fixture('stream.sse.txt'));
    expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'Hello' },
      { content: '!' },
      {},
      undefined,
    ]);
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason ?? null)).toEqual([null, null, null, 'stop', null]);
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 30, completion_tokens: 15, total_tokens: 45 },
    });
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({
        id: 'msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY',
        object: 'chat.completion.chunk',
        created: 1_700_000_000,
        model: 'claude-opus-4-1-20250805',
      });
      expect(openAiSchemaErrors('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
    }
  });

  it('maps a streamed tool call: id and name first, then argument fragments, finish tool_calls', () => {
    const chunks = mapStream(fixture('stream-tool-use.sse.txt'));
    expect(textOf(chunks)).toBe("Okay, let's check the weather.");
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls[0]).toEqual({
      index: 0,
      id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    expect(calls.slice(1).every((call) => call.index === 0 && call.id === undefined)).toBe(true);
    expect(calls.map((call) => call.function?.arguments ?? '').join('')).toBe('{"location": "San Francisco, CA"}');
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('tool_calls');
    expect(chunks.at(-1)!.usage).toEqual({ prompt_tokens: 472, completion_tokens: 89, total_tokens: 561 });
  });

  it('numbers tool calls 0, 1… whatever Anthropic’s block indexes are', () => {
    let state = startAnthropicStream('anthropic', 0);
    const chunks: ChatCompletionChunk[] = [];
    const events = [
      event({ type: 'message_start', message: { id: 'msg_1', model: 'claude', usage: { input_tokens: 1 } } }),
      event({
        type: 'content_block_start',
        index: 2,
        content_block: { type: 'tool_use', id: 'a', name: 'f', input: {} },
      }),
      event({
        type: 'content_block_start',
        index: 5,
        content_block: { type: 'tool_use', id: 'b', name: 'g', input: {} },
      }),
      event({ type: 'content_block_delta', index: 5, delta: { type: 'input_json_delta', partial_json: '{}' } }),
    ];
    for (const sse of events) {
      const step = readAnthropicStreamEvent(state, sse);
      state = step.state;
      chunks.push(...step.chunks);
    }
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls.map((call) => [call.index, call.id ?? null])).toEqual([
      [0, 'a'],
      [1, 'b'],
      [1, null],
    ]);
  });

  it('throws an error event sent mid-stream as a ProviderError of the right type', () => {
    expect(() => mapStream(fixture('stream-error.sse.txt'))).toThrow(
      expect.objectContaining({
        type: 'service_unavailable',
        retryable: true,
        provider: 'anthropic',
        upstreamStatus: null,
      }),
    );
  });

  it('skips pings, thinking deltas and event types it does not know', () => {
    const sse = fixture('stream.sse.txt').replace(
      'event: ping\ndata: {"type": "ping"}',
      'event: ping\ndata: {"type": "ping"}\n\nevent: brand_new\ndata: {"type": "brand_new", "x": 1}\n\n' +
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hmm"}}',
    );
    expect(textOf(mapStream(sse))).toBe('Hello!');
  });

  it('still owes the usage chunk when the body ends after the finish but before message_stop', () => {
    const sse = fixture('stream.sse.txt').replace(/event: message_stop[^]*$/, '');
    const chunks = mapStream(sse);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 15 } });
  });

  it('refuses a stream that ends before the answer was complete, or starts without message_start', () => {
    const truncated = fixture('stream.sse.txt').split('event: message_delta')[0]!;
    expect(() => mapStream(truncated)).toThrow(expect.objectContaining({ code: 'invalid_response' }));
    const headless = fixture('stream.sse.txt').split('\n\n').slice(1).join('\n\n');
    expect(() => mapStream(headless)).toThrow(expect.objectContaining({ code: 'invalid_response' }));
  });

  it('refuses events that are not JSON, or malformed known events', () => {
    const state = startAnthropicStream('anthropic', 0);
    expect(() => readAnthropicStreamEvent(state, { event: 'message_start', data: '{"type":' })).toThrow(
      expect.objectContaining({ code: 'invalid_response' }),
    );
    expect(() => readAnthropicStreamEvent(state, event({ type: 'message_start', message: {} }))).toThrow(
      expect.objectContaining({ code: 'invalid_response' }),
    );
  });
});

describe('Anthropic stream usage', () => {
  it('takes message_delta’s cumulative counts over message_start’s, keeping the cached ones it does not repeat', () => {
    let state = startAnthropicStream('anthropic', 0);
    const chunks: ChatCompletionChunk[] = [];
    for (const sse of [
      event({
        type: 'message_start',
        message: { id: 'm', model: 'c', usage: { input_tokens: 10, cache_read_input_tokens: 50, output_tokens: 1 } },
      }),
      event({
        type: 'message_delta',
        delta: { stop_reason: 'end_turn' },
        usage: { input_tokens: 12, cache_creation_input_tokens: null, output_tokens: 40 },
      }),
      event({ type: 'message_stop' }),
    ]) {
      const step = readAnthropicStreamEvent(state, sse);
      state = step.state;
      chunks.push(...step.chunks);
    }
    expect(chunks.at(-1)!.usage).toEqual({ prompt_tokens: 62, completion_tokens: 40, total_tokens: 102 });
  });
});
