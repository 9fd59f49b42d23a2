import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChatCompletionChunk } from '@llmgw/contracts';
import { openAiSchemaErrors } from '@llmgw/testing';
import { SseDecoder } from '../streaming/sse.decoder';
import { GeminiStreamMapper } from './gemini.stream.mapper';

const fixture = (name: string) => readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');
const ctx = { provider: 'gemini', upstreamModel: 'gemini-2.0-flash', nowSeconds: 1_750_000_000, fallbackId: 'fb' };

function translate(sse: string): { chunks: ChatCompletionChunk[]; mapper: GeminiStreamMapper } {
  const mapper = new GeminiStreamMapper(ctx);
  const decoder = new SseDecoder();
  const chunks = [...decoder.push(sse), ...decoder.end()].flatMap((event) => mapper.push(event.data));
  return { chunks: [...chunks, ...mapper.end()], mapper };
}
const event = (body: object) => `data: ${JSON.stringify(body)}\r\n\r\n`;

describe('GeminiStreamMapper', () => {
  it('streams role, text deltas, one finish and a last usage chunk, all valid OpenAI chunks', () => {
    const { chunks } = translate(fixture('stream.sse.txt'));
    for (const chunk of chunks) expect(openAiSchemaErrors('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta ?? null)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'The' },
      { content: ' capital of France is' },
      { content: ' Paris.\n' },
      {},
      null,
    ]);
    expect(chunks[4]!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 8, completion_tokens: 8, total_tokens: 16 },
    });
    expect(new Set(chunks.map((chunk) => chunk.id))).toEqual(new Set(['chatcmpl-3nI5aKiqD4SNz7IPhZ-RoQo']));
    expect(chunks.every((chunk) => chunk.model === 'gemini-2.0-flash' && chunk.created === 1_750_000_000)).toBe(true);
  });

  it('sends each function call as one complete tool-call delta and finishes with tool_calls', () => {
    const { chunks } = translate(fixture('stream-tool-call.sse.txt'));
    for (const chunk of chunks) expect(openAiSchemaErrors('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
    const toolDeltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(toolDeltas).toEqual([
      {
        index: 0,
        id: 'call_0',
        type: 'function',
        function: { name: 'get_current_weather', arguments: '{"location":"Boston, MA","unit":"celsius"}' },
      },
      {
        index: 1,
        id: 'call_1',
        type: 'function',
        function: { name: 'get_current_time', arguments: '{"timezone":"America/New_York"}' },
      },
    ]);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content).filter(Boolean)).toEqual(['Let me check both.']);
    expect(chunks.filter((chunk) => chunk.choices[0]?.finish_reason).map((c) => c.choices[0]!.finish_reason)).toEqual([
      'tool_calls',
    ]);
    expect(chunks.at(-1)!.usage).toEqual({ prompt_tokens: 96, completion_tokens: 36 + 48, total_tokens: 180 });
  });

  it('numbers tool calls across events', () => {
    const call = (name: string, finishReason?: string) =>
      event({
        candidates: [
          { content: { parts: [{ functionCall: { name, args: {} } }] }, ...(finishReason ? { finishReason } : {}) },
        ],
      });
    const { chunks } = translate(call('a') + call('b', 'STOP'));
    const ids = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []).map((c) => [c.index, c.id]);
    expect(ids).toEqual([
      [0, 'call_0'],
      [1, 'call_1'],
    ]);
  });

  it('maps MAX_TOKENS to length, and takes usage from a trailing usage-only event', () => {
    const sse =
      event({ candidates: [{ content: { parts: [{ text: 'cut' }] }, finishReason: 'MAX_TOKENS' }] }) +
      event({ usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 10, totalTokenCount: 14 } });
    const { chunks, mapper } = translate(sse);
    expect(mapper.finished).toBe(true);
    expect(chunks.filter((chunk) => chunk.choices[0]?.finish_reason).map((c) => c.choices[0]!.finish_reason)).toEqual([
      'length',
    ]);
    expect(chunks.at(-1)!.usage).toEqual({ prompt_tokens: 4, completion_tokens: 10, total_tokens: 14 });
  });

  it('sends no usage chunk when Gemini counted nothing (the meter estimates instead)', () => {
    const { chunks } = translate(
      event({ candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: 'STOP' }] }),
    );
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
  });

  it('is not finished while no finish reason has arrived', () => {
    const { chunks, mapper } = translate(event({ candidates: [{ content: { parts: [{ text: 'half' }] } }] }));
    expect(mapper.finished).toBe(false);
    expect(mapper.end()).toEqual([]);
    expect(chunks).toHaveLength(2);
  });

  it('throws an error event as a mapped ProviderError', () => {
    const mapper = new GeminiStreamMapper(ctx);
    const data = JSON.stringify({ error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } });
    expect(() => mapper.push(data)).toThrow(expect.objectContaining({ type: 'service_unavailable', retryable: true }));
  });

  it('throws a blocked prompt as content_filter', () => {
    const mapper = new GeminiStreamMapper(ctx);
    const data = JSON.stringify({ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' } });
    expect(() => mapper.push(data)).toThrow(
      expect.objectContaining({ type: 'content_filter', code: 'prompt_blocked' }),
    );
  });

  it('does not mistake text that says "error" for an error event', () => {
    const { chunks } = translate(
      event({ candidates: [{ content: { parts: [{ text: 'error' }] }, finishReason: 'STOP' }] }),
    );
    expect(chunks[1]!.choices[0]!.delta.content).toBe('error');
  });
});
