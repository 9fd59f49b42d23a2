import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChatCompletionRequest } from '@llmgw/contracts';
import { openAiSchemaErrors } from '@llmgw/testing';
import { countPromptTokens, countTextTokens } from '../token-counter';
import { fromGeminiResponse } from './gemini.response.mapper';

const fixture = (name: string) => readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');
const request: ChatCompletionRequest = {
  model: 'gemini-2.5-flash',
  messages: [{ role: 'user', content: 'Capital of France?' }],
};
const ctx = {
  provider: 'gemini',
  upstreamModel: 'gemini-2.5-flash',
  nowSeconds: 1_750_000_000,
  fallbackId: 'fallback',
};
const answer = (body: object) => fromGeminiResponse(JSON.stringify(body), request, ctx);
const candidate = (parts: object[], finishReason?: string) => ({
  candidates: [{ content: { role: 'model', parts }, ...(finishReason ? { finishReason } : {}), index: 0 }],
  usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 3, totalTokenCount: 8 },
});

describe('fromGeminiResponse', () => {
  it('maps a text answer with usage, thinking tokens counted as completion', () => {
    const { completion, usageSource } = fromGeminiResponse(fixture('generate-content.json'), request, ctx);
    expect(openAiSchemaErrors('CreateChatCompletionResponse', completion)).toEqual([]);
    expect(completion).toMatchObject({
      id: 'chatcmpl-mWg5aPbcC8SNz7IPqOjI2Ac',
      object: 'chat.completion',
      created: 1_750_000_000,
      model: 'gemini-2.5-flash',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'The capital of France is Paris.' },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 8, completion_tokens: 7 + 24, total_tokens: 8 + 31 },
    });
    expect(usageSource).toBe('provider');
  });

  it('maps function calls to tool calls with deterministic ids and finish tool_calls', () => {
    const { completion } = fromGeminiResponse(fixture('generate-content-tool-call.json'), request, ctx);
    expect(openAiSchemaErrors('CreateChatCompletionResponse', completion)).toEqual([]);
    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls).toEqual([
      {
        id: 'call_0',
        type: 'function',
        function: { name: 'get_current_weather', arguments: '{"location":"Boston, MA","unit":"celsius"}' },
      },
      {
        id: 'call_1',
        type: 'function',
        function: { name: 'get_current_time', arguments: '{"timezone":"America/New_York"}' },
      },
    ]);
    expect(completion.usage).toEqual({ prompt_tokens: 96, completion_tokens: 31, total_tokens: 127 });
  });

  it.each([
    ['STOP', 'stop'],
    ['MAX_TOKENS', 'length'],
    ['SAFETY', 'content_filter'],
    ['RECITATION', 'content_filter'],
    ['BLOCKLIST', 'content_filter'],
    ['PROHIBITED_CONTENT', 'content_filter'],
    ['SPII', 'content_filter'],
    ['OTHER', 'stop'],
    ['MALFORMED_FUNCTION_CALL', 'stop'],
  ])('maps finishReason %s to %s', (reason, expected) => {
    expect(answer(candidate([{ text: 'x' }], reason)).completion.choices[0]!.finish_reason).toBe(expected);
  });

  it('keeps text alongside tool calls, and never relays thought parts', () => {
    const { completion } = answer(
      candidate(
        [{ text: 'secret reasoning', thought: true }, { text: 'Checking.' }, { functionCall: { name: 'f' } }],
        'STOP',
      ),
    );
    expect(completion.choices[0]!.message).toMatchObject({
      content: 'Checking.',
      tool_calls: [{ id: 'call_0', function: { name: 'f', arguments: '{}' } }],
    });
  });

  it('blocks a prompt Gemini refused with a non-retryable content_filter error', () => {
    expect(() => fromGeminiResponse(fixture('generate-content-blocked.json'), request, ctx)).toThrow(
      expect.objectContaining({ type: 'content_filter', code: 'prompt_blocked', retryable: false, provider: 'gemini' }),
    );
  });

  it('estimates usage with the tokenizer when Gemini sends none, and falls back on our id and model', () => {
    const { completion, usageSource } = answer({
      candidates: [{ content: { parts: [{ text: 'Paris' }] }, finishReason: 'STOP' }],
    });
    expect(usageSource).toBe('estimated');
    expect(completion.usage).toEqual({
      prompt_tokens: countPromptTokens(request),
      completion_tokens: countTextTokens('Paris'),
      total_tokens: countPromptTokens(request) + countTextTokens('Paris'),
    });
    expect(completion).toMatchObject({ id: 'chatcmpl-fallback', model: 'gemini-2.5-flash' });
  });

  it.each([
    ['not JSON', '<html>'],
    ['the wrong shape', '{"candidates": "yes"}'],
    ['no candidates and no block reason', '{"usageMetadata": {"promptTokenCount": 1}}'],
  ])('refuses %s as an invalid response', (_label, body) => {
    expect(() => fromGeminiResponse(body, request, ctx)).toThrow(
      expect.objectContaining({ type: 'upstream_error', code: 'invalid_response' }),
    );
  });
});
