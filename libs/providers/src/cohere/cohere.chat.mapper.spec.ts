import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChatCompletionRequest } from '@llmgw/contracts';
import { openAiSchemaErrors } from '@llmgw/testing';
import { countPromptTokens } from '../token-counter';
import { fromCohereChat, toCohereChatBody } from './cohere.chat.mapper';
import { COHERE_MODELS } from './cohere.models';

const fixture = (name: string) => readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');
const model = COHERE_MODELS.find((entry) => entry.id === 'command-r-plus')!;
const weather = {
  type: 'function' as const,
  function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object' }, strict: true },
};
const other = { type: 'function' as const, function: { name: 'get_time', parameters: { type: 'object' } } };

describe('toCohereChatBody', () => {
  it('maps every role, tool calls and results, tools and sampling knobs to Cohere v2', () => {
    const request: ChatCompletionRequest = {
      model: 'command-r-plus',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Weather in Toronto?' }] },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Toronto"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temp_c":21}' },
      ],
      tools: [weather],
      response_format: { type: 'json_object' },
      temperature: 0.3,
      top_p: 0.8,
      max_tokens: 100,
      stop: 'END',
      seed: 7,
      user: 'user-1',
    };
    expect(toCohereChatBody(request, model, true)).toEqual({
      model: 'command-r-plus-08-2024',
      stream: true,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Weather in Toronto?' }] },
        {
          role: 'assistant',
          tool_calls: request.messages[2]!.role === 'assistant' ? request.messages[2]!.tool_calls : [],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temp_c":21}' },
      ],
      tools: [
        { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object' } } },
      ],
      strict_tools: true,
      response_format: { type: 'json_object' },
      temperature: 0.3,
      p: 0.8,
      max_tokens: 100,
      stop_sequences: ['END'],
      seed: 7,
    });
  });

  it('maps tool_choice: none, required, and a named function (only that tool, REQUIRED)', () => {
    const base: ChatCompletionRequest = {
      model: 'x',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [weather, other],
    };
    expect(toCohereChatBody({ ...base, tool_choice: 'none' }, model, false)).toMatchObject({ tool_choice: 'NONE' });
    expect(toCohereChatBody({ ...base, tool_choice: 'auto' }, model, false)).not.toHaveProperty('tool_choice');
    const named = toCohereChatBody(
      { ...base, tool_choice: { type: 'function', function: { name: 'get_time' } } },
      model,
      false,
    );
    expect(named).toMatchObject({ tool_choice: 'REQUIRED', tools: [{ function: { name: 'get_time' } }] });
    expect(named.tools).toHaveLength(1);
  });

  it('turns a json_schema response format into Cohere’s json_object with a schema', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    const body = toCohereChatBody(
      {
        model: 'x',
        messages: [{ role: 'user', content: 'hi' }],
        response_format: { type: 'json_schema', json_schema: { name: 's', schema } },
      },
      model,
      false,
    );
    expect(body.response_format).toEqual({ type: 'json_object', json_schema: schema });
  });
});

describe('fromCohereChat', () => {
  const request: ChatCompletionRequest = {
    model: 'command-r-plus',
    messages: [{ role: 'user', content: 'What is an LLM?' }],
  };

  it('reads text content and billed usage into an OpenAI completion', () => {
    const { completion, usageSource } = fromCohereChat(fixture('chat.json'), request, model);
    expect(openAiSchemaErrors('CreateChatCompletionResponse', completion)).toEqual([]);
    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'stop',
      message: { content: 'LLMs are neural networks trained on large text corpora.' },
    });
    expect(completion.usage).toEqual({ prompt_tokens: 5, completion_tokens: 11, total_tokens: 16 });
    expect(usageSource).toBe('provider');
  });

  it('reads tool calls with finish_reason tool_calls', () => {
    const { completion } = fromCohereChat(fixture('chat-tool-call.json'), request, model);
    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: null,
        tool_calls: [
          {
            id: 'get_weather_1byjy32y4hvq',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"location":"Toronto"}' },
          },
        ],
      },
    });
  });

  it.each([
    ['STOP_SEQUENCE', 'stop'],
    ['MAX_TOKENS', 'length'],
    ['TIMEOUT', 'stop'],
  ])('maps finish_reason %s to %s', (reason, expected) => {
    const body = JSON.stringify({ ...JSON.parse(fixture('chat.json')), finish_reason: reason });
    expect(fromCohereChat(body, request, model).completion.choices[0]!.finish_reason).toBe(expected);
  });

  it('throws an ERROR finish as upstream_error, and falls back to tokens, then the tokenizer, for usage', () => {
    const parsed = JSON.parse(fixture('chat.json'));
    expect(() => fromCohereChat(JSON.stringify({ ...parsed, finish_reason: 'ERROR' }), request, model)).toThrow(
      expect.objectContaining({ type: 'upstream_error', provider: 'cohere' }),
    );
    const tokensOnly = { ...parsed, usage: { tokens: { input_tokens: 70, output_tokens: 11 } } };
    expect(fromCohereChat(JSON.stringify(tokensOnly), request, model).completion.usage.prompt_tokens).toBe(70);
    const none = fromCohereChat(JSON.stringify({ ...parsed, usage: undefined }), request, model);
    expect(none).toMatchObject({
      usageSource: 'estimated',
      completion: { usage: { prompt_tokens: countPromptTokens(request) } },
    });
  });

  it('refuses a body that is not a Cohere chat response', () => {
    expect(() => fromCohereChat('{"text":"v1 shape"}', request, model)).toThrow(
      expect.objectContaining({ code: 'invalid_response' }),
    );
  });
});
