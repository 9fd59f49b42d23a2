import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChatCompletionRequest } from '@llmgw/contracts';
import { fromAnthropicMessage, toAnthropicBody } from './anthropic.chat.mapper';
import { ANTHROPIC_MODELS } from './anthropic.models';

const fixture = (name: string) => readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');
const model = ANTHROPIC_MODELS.find((entry) => entry.id === 'claude-sonnet-4-5')!;
const request: ChatCompletionRequest = { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hello!' }] };
const toBody = (extra: Partial<ChatCompletionRequest> & Record<string, unknown>, stream = false) =>
  toAnthropicBody('anthropic', { ...request, ...extra }, model, stream);
const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

describe('toAnthropicBody', () => {
  it('sends the upstream model, the messages and the model’s output ceiling as max_tokens, and nothing else', () => {
    expect(toBody({})).toEqual({ model: 'claude-sonnet-4-5-20250929', messages: request.messages, max_tokens: 64_000 });
  });

  it('prefers max_completion_tokens, then max_tokens', () => {
    expect(toBody({ max_tokens: 100 }).max_tokens).toBe(100);
    expect(toBody({ max_tokens: 100, max_completion_tokens: 50 }).max_tokens).toBe(50);
  });

  it('maps sampling, stop, user and stream; drops what Anthropic does not know', () => {
    const body = toBody(
      { temperature: 1.6, stop: 'END', user: 'user-42', seed: 7, presence_penalty: 1, logprobs: true, n: 1 },
      true,
    );
    expect(body).toEqual({
      model: 'claude-sonnet-4-5-20250929',
      messages: request.messages,
      max_tokens: 64_000,
      temperature: 1,
      stop_sequences: ['END'],
      metadata: { user_id: 'user-42' },
      stream: true,
    });
    expect(toBody({ top_p: 0.9, stop: ['a', 'b'] })).toMatchObject({ top_p: 0.9, stop_sequences: ['a', 'b'] });
  });

  it('sends temperature alone when both temperature and top_p are set (Claude 4.5 refuses both)', () => {
    const body = toBody({ temperature: 0.3, top_p: 0.9 });
    expect(body.temperature).toBe(0.3);
    expect(body).not.toHaveProperty('top_p');
  });

  it('joins system messages into the top-level system, with a JSON instruction for json_object', () => {
    const body = toBody({
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'List three colours' },
      ],
      response_format: { type: 'json_object' },
    });
    expect(body.system).toMatch(/^You are terse\.\n\nRespond with a single valid JSON object/);
    expect(body.messages).toEqual([{ role: 'user', content: 'List three colours' }]);
    expect(
      toBody({ response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } } })
        .system,
    ).toContain('{"type":"object"}');
    expect(toBody({ response_format: { type: 'text' } })).not.toHaveProperty('system');
  });

  it('maps tools to name/description/input_schema', () => {
    const bare = { type: 'function' as const, function: { name: 'now' } };
    expect(toBody({ tools: [weatherTool, bare] }).tools).toEqual([
      { name: 'get_weather', description: 'Current weather', input_schema: weatherTool.function.parameters },
      { name: 'now', input_schema: { type: 'object', properties: {} } },
    ]);
  });

  it.each([
    ['auto', { type: 'auto' }],
    ['none', { type: 'none' }],
    ['required', { type: 'any' }],
    [
      { type: 'function', function: { name: 'get_weather' } },
      { type: 'tool', name: 'get_weather' },
    ],
  ] as const)('maps tool_choice %j to %j', (choice, expected) => {
    expect(toBody({ tools: [weatherTool], tool_choice: choice }).tool_choice).toEqual(expected);
  });

  it('maps parallel_tool_calls: false to disable_parallel_tool_use, and drops tool_choice without tools', () => {
    expect(toBody({ tools: [weatherTool], parallel_tool_calls: false }).tool_choice).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    expect(toBody({ tools: [weatherTool], tool_choice: 'required', parallel_tool_calls: false }).tool_choice).toEqual({
      type: 'any',
      disable_parallel_tool_use: true,
    });
    expect(toBody({ tool_choice: 'auto' })).not.toHaveProperty('tool_choice');
  });
});

describe('fromAnthropicMessage', () => {
  it('reads a text reply, counting cached prompt tokens as prompt tokens', () => {
    const { completion, usageSource } = fromAnthropicMessage('anthropic', fixture('message.json'), 1_700_000_000);
    expect(usageSource).toBe('provider');
    expect(completion).toEqual({
      id: 'msg_013Zva2CMHLNnXjNJJKqJ2EF',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'claude-sonnet-4-5-20250929',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hi! My name is Claude.', refusal: null },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 60, completion_tokens: 9, total_tokens: 69 },
    });
  });

  it('reads tool_use blocks as tool calls with JSON arguments', () => {
    const { completion } = fromAnthropicMessage('anthropic', fixture('message-tool-use.json'), 0);
    const [choice] = completion.choices;
    expect(choice!.finish_reason).toBe('tool_calls');
    expect(choice!.message.content).toBe("I'll check the current weather in San Francisco for you.");
    expect(choice!.message.tool_calls).toEqual([
      {
        id: 'toolu_01A09q90qw90lq917835lq9',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"location":"San Francisco, CA","unit":"celsius"}' },
      },
    ]);
    expect(completion.usage).toEqual({ prompt_tokens: 384, completion_tokens: 71, total_tokens: 455 });
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    ['something_new', 'stop'],
  ])('maps stop_reason %s to finish_reason %s', (stopReason, finishReason) => {
    const body = { ...JSON.parse(fixture('message.json')), stop_reason: stopReason };
    expect(fromAnthropicMessage('anthropic', JSON.stringify(body), 0).completion.choices[0]!.finish_reason).toBe(
      finishReason,
    );
  });

  it('ignores block types it does not map (thinking) and answers null content for a bare tool call', () => {
    const body = {
      ...JSON.parse(fixture('message-tool-use.json')),
      content: [
        { type: 'thinking', thinking: 'Let me think', signature: 'sig' },
        { type: 'tool_use', id: 'toolu_1', name: 'now', input: {} },
      ],
    };
    const { message } = fromAnthropicMessage('anthropic', JSON.stringify(body), 0).completion.choices[0]!;
    expect(message.content).toBeNull();
    expect(message.tool_calls).toEqual([
      { id: 'toolu_1', type: 'function', function: { name: 'now', arguments: '{}' } },
    ]);
  });

  it.each([
    ['not JSON', '{"id": "msg_1", "content": ['],
    ['not a message', '{"hello":"world"}'],
    ['a malformed text block', JSON.stringify({ ...JSON.parse(fixture('message.json')), content: [{ type: 'text' }] })],
  ])('refuses a body that is %s as an invalid response', (_label, text) => {
    expect(() => fromAnthropicMessage('anthropic', text, 0)).toThrow(
      expect.objectContaining({ type: 'upstream_error', code: 'invalid_response' }),
    );
  });
});
