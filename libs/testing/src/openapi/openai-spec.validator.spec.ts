import { openAiSchemaErrors } from './openai-spec.validator';

describe('openAiSchemaErrors', () => {
  const completion = {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant', content: 'hi', refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };

  it('accepts a conforming chat completion', () => {
    expect(openAiSchemaErrors('CreateChatCompletionResponse', completion)).toEqual([]);
  });

  it('rejects a completion without choices or with a bad finish reason', () => {
    expect(openAiSchemaErrors('CreateChatCompletionResponse', { ...completion, choices: undefined })).not.toEqual([]);
    const badFinish = { ...completion, choices: [{ ...completion.choices[0], finish_reason: 'done' }] };
    expect(openAiSchemaErrors('CreateChatCompletionResponse', badFinish)).not.toEqual([]);
  });

  it('validates error bodies', () => {
    expect(openAiSchemaErrors('ErrorResponse', { error: { message: 'x', type: 'invalid_request_error', param: null, code: null } })).toEqual([]);
    expect(openAiSchemaErrors('ErrorResponse', { message: 'x' })).not.toEqual([]);
  });
});

describe('openAiSchemaErrors on stream chunks', () => {
  const chunk = {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta: { content: 'hi' }, finish_reason: null }],
  };

  it('accepts content chunks and the final usage chunk', () => {
    expect(openAiSchemaErrors('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
    expect(openAiSchemaErrors('CreateChatCompletionStreamResponse', { ...chunk, usage: null })).toEqual([]);
    const usageChunk = { ...chunk, choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } };
    expect(openAiSchemaErrors('CreateChatCompletionStreamResponse', usageChunk)).toEqual([]);
  });

  it('rejects a chunk with the wrong object type', () => {
    expect(openAiSchemaErrors('CreateChatCompletionStreamResponse', { ...chunk, object: 'chat.completion' })).not.toEqual([]);
  });
});
