import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChatCompletionChunk } from '@llmgw/contracts';
import { SseDecoder } from '../streaming/sse.decoder';
import { fromOpenAiStreamData, STREAM_DONE } from './openai.stream.mapper';

const fixture = (name: string) => readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');

function mapStream(sse: string): Array<ChatCompletionChunk | typeof STREAM_DONE> {
  const decoder = new SseDecoder();
  return [...decoder.push(sse), ...decoder.end()].map((event) => fromOpenAiStreamData('openai', event.data));
}

describe('fromOpenAiStreamData', () => {
  it('maps a streamed reply: role, content, finish, usage chunk, then [DONE]', () => {
    const events = mapStream(fixture('chat-stream.sse.txt'));
    expect(events.at(-1)).toBe(STREAM_DONE);
    const chunks = events.slice(0, -1) as ChatCompletionChunk[];
    expect(chunks).toHaveLength(5);
    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('Hello! How can I help?');
    expect(chunks[3]!.choices[0]!.finish_reason).toBe('stop');
    // `usage: null` on ordinary chunks is dropped; the last chunk carries it with no choices.
    expect(chunks.slice(0, 4).every((chunk) => !('usage' in chunk))).toBe(true);
    expect(chunks[4]).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 9, completion_tokens: 7, total_tokens: 16 },
    });
    expect(chunks[0]).toMatchObject({
      id: 'chatcmpl-123',
      object: 'chat.completion.chunk',
      created: 1694268190,
      model: 'gpt-4o-mini',
    });
  });

  it('maps a streamed tool call whose arguments arrive in pieces', () => {
    const chunks = mapStream(fixture('chat-stream-tool-call.sse.txt')).filter(
      (event) => event !== STREAM_DONE,
    ) as ChatCompletionChunk[];
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls[0]).toMatchObject({
      index: 0,
      id: 'call_DdmO9pD3xa9XTPNJ32zg2hcA',
      type: 'function',
      function: { name: 'get_current_weather' },
    });
    expect(calls.map((call) => call.function?.arguments ?? '').join('')).toBe('{"location": "Boston, MA"}');
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('tool_calls');
  });

  it('throws an error event sent mid-stream as a ProviderError', () => {
    const data = JSON.stringify({
      error: { message: 'The server had an error', type: 'server_error', param: null, code: null },
    });
    expect(() => fromOpenAiStreamData('openai', data)).toThrow(
      expect.objectContaining({ type: 'upstream_error', provider: 'openai' }),
    );
  });

  it('refuses an event that is not JSON, or not a chunk, as an invalid response', () => {
    expect(() => fromOpenAiStreamData('openai', '{"id":')).toThrow(
      expect.objectContaining({ code: 'invalid_response' }),
    );
    expect(() => fromOpenAiStreamData('openai', '{"hello":"world"}')).toThrow(
      expect.objectContaining({ code: 'invalid_response' }),
    );
  });
});
