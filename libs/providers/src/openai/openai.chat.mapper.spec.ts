import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChatCompletionRequest } from '@llmgw/contracts';
import { MODELS } from '../registry/models.data';
import { countPromptTokens, countTextTokens } from '../token-counter';
import { fromOpenAiChatCompletion, toOpenAiChatBody } from './openai.chat.mapper';

const fixture = (name: string) => readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');
const model = { ...MODELS.find((entry) => entry.id === 'gpt-4o-mini')!, upstreamModel: 'gpt-4o-mini-2024-07-18' };
const request: ChatCompletionRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello!' }] };

describe('toOpenAiChatBody', () => {
  it('sends the upstream model name and keeps every other field, vendor extensions included', () => {
    const body = toOpenAiChatBody(
      { ...request, temperature: 0.2, stream: false, stream_options: null, x_vendor: 1 },
      model,
      false,
    );
    expect(body).toEqual({
      model: 'gpt-4o-mini-2024-07-18',
      messages: request.messages,
      temperature: 0.2,
      x_vendor: 1,
    });
  });

  it('always asks a stream for usage', () => {
    const body = toOpenAiChatBody({ ...request, stream: true }, model, true);
    expect(body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });
});

describe('fromOpenAiChatCompletion', () => {
  it('reads a plain reply with the provider’s usage', () => {
    const { completion, usageSource } = fromOpenAiChatCompletion('openai', fixture('chat-completion.json'), request);
    expect(usageSource).toBe('provider');
    expect(completion).toEqual({
      id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT',
      object: 'chat.completion',
      created: 1741569952,
      model: 'gpt-4o-mini-2024-07-18',
      system_fingerprint: 'fp_06737a9306',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello! How can I assist you today?', refusal: null },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 19, completion_tokens: 10, total_tokens: 29 },
    });
  });

  it('reads a tool call', () => {
    const { completion } = fromOpenAiChatCompletion('openai', fixture('chat-completion-tool-call.json'), request);
    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls).toEqual([
      {
        id: 'call_abc123',
        type: 'function',
        function: { name: 'get_current_weather', arguments: '{\n"location": "Boston, MA"\n}' },
      },
    ]);
    expect(completion.usage.total_tokens).toBe(99);
  });

  it('estimates usage with the tokenizer when the provider sent none', () => {
    const wire = JSON.parse(fixture('chat-completion.json')) as Record<string, unknown>;
    delete wire.usage;
    const { completion, usageSource } = fromOpenAiChatCompletion('openai', JSON.stringify(wire), request);
    expect(usageSource).toBe('estimated');
    expect(completion.usage).toEqual({
      prompt_tokens: countPromptTokens(request),
      completion_tokens: countTextTokens('Hello! How can I assist you today?'),
      total_tokens: countPromptTokens(request) + countTextTokens('Hello! How can I assist you today?'),
    });
  });

  it.each([
    ['a body that is not JSON', '{"id": "chatcmpl-1", '],
    ['JSON that is not a completion', '{"object":"list","data":[]}'],
  ])('refuses %s as an invalid response', (_label, body) => {
    expect(() => fromOpenAiChatCompletion('openai', body, request)).toThrow(
      expect.objectContaining({
        type: 'upstream_error',
        code: 'invalid_response',
        retryable: true,
        provider: 'openai',
      }),
    );
  });
});
