import { GatewayError } from '@llmgw/contracts';
import { toChatRequest } from './anthropic-request.mapper';

const base = { model: 'mock-1', max_tokens: 64 };

function refusal(body: unknown): GatewayError {
  try {
    toChatRequest(body);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected the body to be refused');
}

describe('toChatRequest', () => {
  it('maps a plain conversation with a system prompt and sampling options', () => {
    const chat = toChatRequest({
      ...base,
      system: 'Be brief.',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
        { role: 'user', content: [{ type: 'text', text: 'How are you?', cache_control: { type: 'ephemeral' } }] },
      ],
      temperature: 0.3,
      top_p: 0.9,
      top_k: 5,
      stop_sequences: ['END'],
      metadata: { user_id: 'user-7' },
    });
    expect(chat).toEqual({
      model: 'mock-1',
      max_tokens: 64,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
        { role: 'user', content: [{ type: 'text', text: 'How are you?' }] },
      ],
      temperature: 0.3,
      top_p: 0.9,
      stop: ['END'],
      user: 'user-7',
    });
  });

  it('joins system text blocks and asks for usage on streams', () => {
    const chat = toChatRequest({
      ...base,
      stream: true,
      system: [
        { type: 'text', text: 'Rule one.' },
        { type: 'text', text: 'Rule two.' },
      ],
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(chat.messages[0]).toEqual({ role: 'system', content: 'Rule one.\nRule two.' });
    expect(chat).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('turns base64 and url images into image_url parts', () => {
    const chat = toChatRequest({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'image', source: { type: 'url', url: 'https://example.test/cat.jpg' } },
            { type: 'text', text: 'What are these?' },
          ],
        },
      ],
    });
    expect(chat.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          { type: 'image_url', image_url: { url: 'https://example.test/cat.jpg' } },
          { type: 'text', text: 'What are these?' },
        ],
      },
    ]);
  });

  it('maps a tool round trip: tools, tool_use turns and tool_result turns', () => {
    const chat = toChatRequest({
      ...base,
      tools: [{ name: 'get_weather', description: 'Weather by city', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
      tool_choice: { type: 'tool', name: 'get_weather', disable_parallel_tool_use: true },
      messages: [
        { role: 'user', content: 'Weather in Paris and Oslo?' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'two calls', signature: 'sig' },
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Oslo' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: 'city' }, { type: 'text', text: 'unknown' }], is_error: true },
            { type: 'text', text: 'Summarise.' },
          ],
        },
      ],
    });
    expect(chat.tools).toEqual([
      {
        type: 'function',
        function: { name: 'get_weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
      },
    ]);
    expect(chat.tool_choice).toEqual({ type: 'function', function: { name: 'get_weather' } });
    expect(chat).toMatchObject({ parallel_tool_calls: false });
    expect(chat.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'toolu_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: 'sunny' },
      { role: 'tool', tool_call_id: 'toolu_2', content: 'Error: city\nunknown' },
      { role: 'user', content: [{ type: 'text', text: 'Summarise.' }] },
    ]);
  });

  it('gives an assistant turn that only calls tools a null content', () => {
    const chat = toChatRequest({
      ...base,
      messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }] }],
    });
    expect(chat.messages[0]).toEqual({ role: 'assistant', content: null, tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{}' } }] });
  });

  it.each([
    [{ type: 'auto' }, 'auto'],
    [{ type: 'any' }, 'required'],
    [{ type: 'none' }, 'none'],
  ])('maps tool_choice %j to %j', (choice, expected) => {
    const chat = toChatRequest({ ...base, messages: [{ role: 'user', content: 'x' }], tools: [{ name: 'f', input_schema: { type: 'object' } }], tool_choice: choice });
    expect(chat.tool_choice).toBe(expected);
    expect(chat).not.toHaveProperty('parallel_tool_calls');
  });

  it('refuses a body without max_tokens, naming the field', () => {
    const error = refusal({ model: 'mock-1', messages: [{ role: 'user', content: 'x' }] });
    expect(error).toMatchObject({ type: 'invalid_request_error', param: 'max_tokens', message: 'max_tokens: Field required' });
  });

  it.each([
    ['messages', { ...base, messages: [] }],
    ['messages.0.role', { ...base, messages: [{ role: 'system', content: 'x' }] }],
    ['messages.0.content', { ...base, messages: [{ role: 'user', content: [{ type: 'document', source: {} }] }] }],
    ['temperature', { ...base, temperature: 1.5, messages: [{ role: 'user', content: 'x' }] }],
    ['max_tokens', { ...base, max_tokens: 0, messages: [{ role: 'user', content: 'x' }] }],
  ])('refuses an invalid %s', (param, body) => {
    expect(refusal(body)).toMatchObject({ type: 'invalid_request_error', param });
  });
});
