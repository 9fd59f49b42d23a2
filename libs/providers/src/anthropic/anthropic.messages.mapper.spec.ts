import type { ChatMessage } from '@llmgw/contracts';
import { ProviderError } from '@llmgw/contracts';
import { toAnthropicConversation } from './anthropic.messages.mapper';

const convert = (messages: ChatMessage[]) => toAnthropicConversation('anthropic', messages);

describe('toAnthropicConversation', () => {
  it('lifts system and developer messages out, wherever they are', () => {
    const { system, messages } = convert([
      { role: 'system', content: 'Be brief.' },
      { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
      { role: 'user', content: 'Hello' },
    ]);
    expect(system).toEqual(['Be brief.', 'Answer in French.']);
    expect(messages).toEqual([{ role: 'user', content: 'Hello' }]);
  });

  it('merges consecutive messages of one role so user and assistant alternate', () => {
    const { messages } = convert([
      { role: 'user', content: 'First' },
      { role: 'user', content: 'Second' },
      { role: 'assistant', content: 'Reply' },
      { role: 'assistant', content: [{ type: 'text', text: 'More' }] },
      { role: 'user', content: 'Third' },
    ]);
    expect(messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'First' },
          { type: 'text', text: 'Second' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Reply' },
          { type: 'text', text: 'More' },
        ],
      },
      { role: 'user', content: 'Third' },
    ]);
  });

  it('maps base64 data URLs and http(s) URLs to image blocks', () => {
    const { messages } = convert([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in these?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'high' } },
        ],
      },
    ]);
    expect(messages[0]!.content).toEqual([
      { type: 'text', text: 'What is in these?' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
    ]);
  });

  it.each([
    ['an unsupported image type', 'data:image/tiff;base64,AAAA'],
    ['a data URL that is not base64', 'data:image/png,rawbytes'],
    ['another scheme', 'ftp://example.com/cat.png'],
  ])('refuses %s as an invalid request naming the message', (_label, url) => {
    const attempt = () => convert([{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] }]);
    expect(attempt).toThrow(ProviderError);
    expect(attempt).toThrow(
      expect.objectContaining({ type: 'invalid_request_error', param: 'messages.0.content', provider: 'anthropic' }),
    );
  });

  it('turns assistant tool calls into tool_use blocks and tool messages into one user turn of tool_result blocks', () => {
    const { messages } = convert([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: 'Checking both.',
        tool_calls: [
          { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'toolu_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: '18°C' },
      { role: 'tool', tool_call_id: 'toolu_2', content: [{ type: 'text', text: '24°C' }] },
      { role: 'user', content: 'Which is warmer?' },
    ]);
    expect(messages).toEqual([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking both.' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Rome' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C' },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: '24°C' },
          { type: 'text', text: 'Which is warmer?' },
        ],
      },
    ]);
  });

  it('drops empty text (Anthropic refuses empty blocks) and reads empty arguments as no input', () => {
    const { messages } = convert([
      { role: 'user', content: 'Go' },
      {
        role: 'assistant',
        content: '',
        tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'now', arguments: '' } }],
      },
    ]);
    expect(messages[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'tool_use', id: 'toolu_1', name: 'now', input: {} }],
    });
  });

  it.each([
    ['not JSON', '{"city":'],
    ['not an object', '[1,2]'],
  ])('refuses tool call arguments that are %s', (_label, args) => {
    const attempt = () =>
      convert([
        { role: 'user', content: 'Go' },
        { role: 'assistant', tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: args } }] },
      ]);
    expect(attempt).toThrow(
      expect.objectContaining({ type: 'invalid_request_error', param: 'messages.1.tool_calls.0' }),
    );
  });
});
