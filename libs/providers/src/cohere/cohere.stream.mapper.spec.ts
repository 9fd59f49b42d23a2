import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChatCompletionChunk } from '@llmgw/contracts';
import { openAiSchemaErrors } from '@llmgw/testing';
import { SseDecoder } from '../streaming/sse.decoder';
import { CohereStreamMapper } from './cohere.stream.mapper';

const eventsOf = (name: string) => {
  const decoder = new SseDecoder();
  return [...decoder.push(readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8')), ...decoder.end()];
};

function mapAll(name: string): ChatCompletionChunk[] {
  const mapper = new CohereStreamMapper('command-a-03-2025', 1_700_000_000);
  const chunks = eventsOf(name).flatMap((event) => mapper.map(event.data));
  mapper.end();
  return chunks;
}

describe('CohereStreamMapper', () => {
  it('maps message-start, content deltas and message-end into role, text, finish and usage chunks', () => {
    const chunks = mapAll('chat-stream.sse.txt');
    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('Coca-Cola is a soft drink.');
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 11, completion_tokens: 6, total_tokens: 17 },
    });
    expect(new Set(chunks.map((chunk) => chunk.id))).toEqual(new Set(['a8fc192e-4bb8-4e15-ae1f-a174e8b02ae8']));
    for (const chunk of chunks) expect(openAiSchemaErrors('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
  });

  it('maps two streamed tool calls to indexed deltas, skipping the tool plan', () => {
    const chunks = mapAll('chat-stream-tool-call.sse.txt');
    const calls = chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
    expect(calls[0]).toEqual({
      index: 0,
      id: 'get_weather_nsz5zm3w56q3',
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    const argsOf = (index: number) =>
      calls
        .filter((call) => call.index === index)
        .map((call) => call.function?.arguments ?? '')
        .join('');
    expect(argsOf(0)).toBe('{"location":"Toronto"}');
    expect(argsOf(1)).toBe('{"location":"Paris"}');
    expect(chunks.some((chunk) => chunk.choices.some((choice) => choice.delta.content))).toBe(false);
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('tool_calls');
  });

  it('maps MAX_TOKENS to length and throws an ERROR finish', () => {
    const mapper = new CohereStreamMapper('m');
    mapper.map('{"type":"message-start","id":"x","delta":{"message":{"role":"assistant"}}}');
    expect(
      mapper.map('{"type":"message-end","delta":{"finish_reason":"MAX_TOKENS"}}')[0]!.choices[0]!.finish_reason,
    ).toBe('length');
    const failing = new CohereStreamMapper('m');
    expect(() =>
      failing.map('{"type":"message-end","delta":{"finish_reason":"ERROR","error":"model overloaded"}}'),
    ).toThrow(
      expect.objectContaining({ type: 'upstream_error', message: expect.stringContaining('model overloaded') }),
    );
  });

  it('refuses a stream cut before message-end, and events that are not JSON', () => {
    const mapper = new CohereStreamMapper('m');
    mapper.map('{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"half"}}}}');
    expect(() => mapper.end()).toThrow(expect.objectContaining({ code: 'invalid_response' }));
    expect(() => mapper.map('not json')).toThrow(expect.objectContaining({ code: 'invalid_response' }));
  });
});
