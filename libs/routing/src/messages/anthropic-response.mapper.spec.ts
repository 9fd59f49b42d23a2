import type { ChatCompletion } from '@llmgw/contracts';
import { toAnthropicMessage } from './anthropic-response.mapper';

function completion(message: ChatCompletion['choices'][number]['message'], finishReason: ChatCompletion['choices'][number]['finish_reason']): ChatCompletion {
  return {
    id: 'chatcmpl-abc123',
    object: 'chat.completion',
    created: 1,
    model: 'mock-1',
    choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
    usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
  };
}

describe('toAnthropicMessage', () => {
  it('maps a text answer with its usage', () => {
    expect(toAnthropicMessage(completion({ role: 'assistant', content: 'Hello there', refusal: null }, 'stop'))).toEqual({
      id: 'msg_abc123',
      type: 'message',
      role: 'assistant',
      model: 'mock-1',
      content: [{ type: 'text', text: 'Hello there' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 11, output_tokens: 7 },
    });
  });

  it('maps tool calls to tool_use blocks with parsed input, after any text', () => {
    const message = toAnthropicMessage(
      completion(
        {
          role: 'assistant',
          content: 'Let me look.',
          refusal: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris","days":2}' } },
            { id: 'call_2', type: 'function', function: { name: 'now', arguments: '' } },
          ],
        },
        'tool_calls',
      ),
    );
    expect(message.content).toEqual([
      { type: 'text', text: 'Let me look.' },
      { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris', days: 2 } },
      { type: 'tool_use', id: 'call_2', name: 'now', input: {} },
    ]);
    expect(message.stop_reason).toBe('tool_use');
  });

  it.each([
    ['length', 'max_tokens'],
    ['content_filter', 'refusal'],
    ['function_call', 'tool_use'],
  ] as const)('maps finish_reason %s to stop_reason %s', (finishReason, stopReason) => {
    expect(toAnthropicMessage(completion({ role: 'assistant', content: 'x', refusal: null }, finishReason)).stop_reason).toBe(stopReason);
  });

  it('answers an empty reply with no content blocks', () => {
    expect(toAnthropicMessage(completion({ role: 'assistant', content: null, refusal: null }, 'stop')).content).toEqual([]);
  });

  it('refuses tool arguments that are not a JSON object as an upstream error', () => {
    for (const args of ['{"city":', '[1,2]']) {
      const bad = completion({ role: 'assistant', content: null, refusal: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: args } }] }, 'tool_calls');
      expect(() => toAnthropicMessage(bad)).toThrow(expect.objectContaining({ type: 'upstream_error', code: 'invalid_tool_arguments' }));
    }
  });
});
