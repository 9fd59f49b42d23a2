import type { ChatCompletionRequest } from '@llmgw/contracts';
import { ProviderError } from '@llmgw/contracts';
import { toGeminiChatBody } from './gemini.chat.mapper';
import { mimeFromUrl } from './gemini.contents.mapper';

const base: ChatCompletionRequest = { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }] };
const map = (request: Partial<ChatCompletionRequest>) => toGeminiChatBody('gemini', { ...base, ...request });

describe('toGeminiChatBody', () => {
  it('puts system and developer messages in systemInstruction and maps roles', () => {
    const body = map({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
        { role: 'user', content: 'Hello' },
        { role: 'assistant', content: 'Bonjour' },
        { role: 'user', content: 'How are you?' },
      ],
    });
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'Be brief.' }, { text: 'Answer in French.' }] });
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'Hello' }] },
      { role: 'model', parts: [{ text: 'Bonjour' }] },
      { role: 'user', parts: [{ text: 'How are you?' }] },
    ]);
  });

  it('maps images: data URLs inline, http(s) URLs as fileData with a guessed type', () => {
    const body = map({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.webp?size=large', detail: 'high' } },
            { type: 'image_url', image_url: { url: 'https://example.com/render' } },
          ],
        },
      ],
    });
    expect(body.contents).toEqual([
      {
        role: 'user',
        parts: [
          { text: 'What is this?' },
          { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
          { fileData: { fileUri: 'https://example.com/cat.webp?size=large', mimeType: 'image/webp' } },
          { fileData: { fileUri: 'https://example.com/render', mimeType: 'image/jpeg' } },
        ],
      },
    ]);
  });

  it('refuses image URLs that are neither data: nor http(s), naming the parameter', () => {
    const failure = () =>
      map({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'ftp://x/y.png' } }] }] });
    expect(failure).toThrow(ProviderError);
    expect(failure).toThrow(
      expect.objectContaining({ type: 'invalid_request_error', param: 'messages[0].content[0].image_url.url' }),
    );
  });

  it('maps tools, and tool_choice to functionCallingConfig', () => {
    const tools: ChatCompletionRequest['tools'] = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Weather for a city',
          parameters: {
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
            additionalProperties: false,
          },
          strict: true,
        },
      },
      { type: 'function', function: { name: 'now', parameters: { type: 'object', properties: {} } } },
    ];
    const body = map({ tools, tool_choice: 'auto' });
    expect(body.tools).toEqual([
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            description: 'Weather for a city',
            parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } }, required: ['city'] },
          },
          { name: 'now' },
        ],
      },
    ]);
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
    expect(map({ tools, tool_choice: 'none' }).toolConfig).toEqual({ functionCallingConfig: { mode: 'NONE' } });
    expect(map({ tools, tool_choice: 'required' }).toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    expect(map({ tools, tool_choice: { type: 'function', function: { name: 'now' } } }).toolConfig).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['now'] },
    });
    expect(map({ tools }).toolConfig).toBeUndefined();
    expect(map({ tool_choice: 'auto' })).not.toHaveProperty('toolConfig');
  });

  it('maps assistant tool calls to functionCall parts and tool results to one functionResponse turn', () => {
    const body = map({
      messages: [
        { role: 'user', content: 'Weather and time in Boston?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_0', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Boston"}' } },
            { id: 'call_1', type: 'function', function: { name: 'get_time', arguments: '' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_0', content: '{"temp":21,"unit":"C"}' },
        { role: 'tool', tool_call_id: 'call_1', content: '10:42' },
      ],
    });
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather and time in Boston?' }] },
      {
        role: 'model',
        parts: [
          { functionCall: { name: 'get_weather', args: { city: 'Boston' } } },
          { functionCall: { name: 'get_time', args: {} } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_weather', response: { result: { temp: 21, unit: 'C' } } } },
          { functionResponse: { name: 'get_time', response: { result: '10:42' } } },
        ],
      },
    ]);
  });

  it('names a tool result after the latest call with its id, as ids repeat across turns', () => {
    const call = (name: string) => ({ id: 'call_0', type: 'function' as const, function: { name, arguments: '{}' } });
    const body = map({
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', tool_calls: [call('first')] },
        { role: 'tool', tool_call_id: 'call_0', content: '1' },
        { role: 'assistant', tool_calls: [call('second')] },
        { role: 'tool', tool_call_id: 'call_0', content: '2' },
      ],
    });
    const contents = body.contents as Array<{ parts: Array<{ functionResponse?: { name: string } }> }>;
    expect(contents.at(-1)!.parts[0]!.functionResponse!.name).toBe('second');
  });

  it('refuses a tool result without a matching call, and unparseable call arguments', () => {
    expect(() => map({ messages: [{ role: 'tool', tool_call_id: 'call_9', content: 'x' }] })).toThrow(
      expect.objectContaining({ type: 'invalid_request_error', param: 'messages[0].tool_call_id' }),
    );
    const broken = { id: 'c', type: 'function' as const, function: { name: 'f', arguments: '{not json' } };
    expect(() => map({ messages: [{ role: 'assistant', tool_calls: [broken] }] })).toThrow(
      expect.objectContaining({ param: 'messages[0].tool_calls[0].function.arguments' }),
    );
  });

  it('maps sampling, limits, stop and seed to generationConfig with one candidate', () => {
    expect(map({ temperature: 0.2, top_p: 0.9, max_tokens: 100, stop: 'END', seed: 7 }).generationConfig).toEqual({
      candidateCount: 1,
      temperature: 0.2,
      topP: 0.9,
      maxOutputTokens: 100,
      stopSequences: ['END'],
      seed: 7,
    });
    expect(map({ max_tokens: 100, max_completion_tokens: 50, stop: ['a', 'b'] }).generationConfig).toMatchObject({
      maxOutputTokens: 50,
      stopSequences: ['a', 'b'],
    });
    expect(map({}).generationConfig).toEqual({ candidateCount: 1 });
  });

  it('maps JSON mode and json_schema (sanitised) to responseMimeType and responseSchema', () => {
    expect(map({ response_format: { type: 'json_object' } }).generationConfig).toMatchObject({
      responseMimeType: 'application/json',
    });
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, additionalProperties: false };
    const config = map({ response_format: { type: 'json_schema', json_schema: { name: 'a', schema, strict: true } } })
      .generationConfig as Record<string, unknown>;
    expect(config).toMatchObject({
      responseMimeType: 'application/json',
      responseSchema: { type: 'OBJECT', properties: { answer: { type: 'STRING' } } },
    });
    expect(config.responseSchema).not.toHaveProperty('additionalProperties');
    expect(map({ response_format: { type: 'text' } }).generationConfig).toEqual({ candidateCount: 1 });
  });

  it('merges adjacent turns of one role and drops empty text', () => {
    const body = map({
      messages: [
        { role: 'user', content: 'one' },
        { role: 'user', content: '' },
        { role: 'user', content: 'two' },
      ],
    });
    expect(body.contents).toEqual([{ role: 'user', parts: [{ text: 'one' }, { text: 'two' }] }]);
    expect(body).not.toHaveProperty('systemInstruction');
  });
});

describe('mimeFromUrl', () => {
  it.each([
    ['https://x.test/a.PNG', 'image/png'],
    ['https://x.test/a.jpg#frag', 'image/jpeg'],
    ['https://x.test/a.gif', 'image/gif'],
    ['https://x.test/a.heic', 'image/heic'],
    ['https://x.test/a', 'image/jpeg'],
    ['https://x.test/a.txt', 'image/jpeg'],
  ])('%s is %s', (url, mime) => expect(mimeFromUrl(url)).toBe(mime));
});
