import type { ChatCompletionChunk } from '@llmgw/contracts';
import type { AnthropicStreamEvent } from './anthropic-message';
import { AnthropicStreamMapper } from './anthropic-stream.mapper';

type Delta = ChatCompletionChunk['choices'][number]['delta'];
type Finish = ChatCompletionChunk['choices'][number]['finish_reason'];

const meta = { id: 'chatcmpl-s1', object: 'chat.completion.chunk' as const, created: 1, model: 'mock-1' };
const chunk = (delta: Delta, finish: Finish = null): ChatCompletionChunk => ({ ...meta, choices: [{ index: 0, delta, finish_reason: finish }] });
const usageChunk = (prompt: number, completion: number): ChatCompletionChunk => ({
  ...meta,
  choices: [],
  usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
});

function run(chunks: ChatCompletionChunk[]): AnthropicStreamEvent[] {
  const mapper = new AnthropicStreamMapper('mock-1', 'msg_fallback');
  return [...chunks.flatMap((c) => mapper.map(c)), ...mapper.finish()];
}

describe('AnthropicStreamMapper', () => {
  it('streams a text answer as one text block, with usage from the final chunk', () => {
    const events = run([chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hello' }), chunk({ content: ' world' }), chunk({}, 'stop'), usageChunk(9, 2)]);
    expect(events).toEqual([
      {
        type: 'message_start',
        message: {
          id: 'msg_s1',
          type: 'message',
          role: 'assistant',
          model: 'mock-1',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 0, output_tokens: 0 },
        },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' world' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 2, input_tokens: 9 } },
      { type: 'message_stop' },
    ]);
  });

  it('streams text then tool calls as blocks indexed in order, arguments as input_json_delta', () => {
    const events = run([
      chunk({ role: 'assistant', content: 'Checking' }),
      chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'now', arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
      usageChunk(20, 15),
    ]);
    expect(events.slice(1)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Checking' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'call_a', name: 'get_weather', input: {} } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"city":' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '"Paris"}' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'call_b', name: 'now', input: {} } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{}' } },
      { type: 'content_block_stop', index: 2 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 15, input_tokens: 20 } },
      { type: 'message_stop' },
    ]);
  });

  it('opens a new text block for text that follows a tool call', () => {
    const events = run([
      chunk({ tool_calls: [{ index: 0, id: 'c', function: { name: 'f', arguments: '{}' } }] }),
      chunk({ content: 'done' }),
      chunk({}, 'stop'),
    ]);
    const starts = events.filter((event) => event.type === 'content_block_start');
    expect(starts.map((event) => [event.index, event.content_block.type])).toEqual([
      [0, 'tool_use'],
      [1, 'text'],
    ]);
  });

  it('reports max_tokens on a truncated answer and zero output tokens when usage never came', () => {
    const events = run([chunk({ content: 'cut' }), chunk({}, 'length')]);
    expect(events.at(-2)).toEqual({ type: 'message_delta', delta: { stop_reason: 'max_tokens', stop_sequence: null }, usage: { output_tokens: 0 } });
  });

  it('takes input tokens for message_start from a first chunk that carries usage', () => {
    const mapper = new AnthropicStreamMapper('mock-1', 'msg_fallback');
    const [start] = mapper.map({ ...chunk({ content: 'a' }), usage: { prompt_tokens: 5, completion_tokens: 0, total_tokens: 5 } });
    expect(start).toMatchObject({ type: 'message_start', message: { usage: { input_tokens: 5, output_tokens: 0 } } });
  });

  it('still frames a complete message when the stream carried no chunk', () => {
    const events = new AnthropicStreamMapper('mock-1', 'msg_fallback').finish();
    expect(events.map((event) => event.type)).toEqual(['message_start', 'message_delta', 'message_stop']);
    expect(events[0]).toMatchObject({ message: { id: 'msg_fallback', model: 'mock-1' } });
  });
});
