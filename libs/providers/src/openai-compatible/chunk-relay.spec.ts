import { ChunkRelay } from './chunk-relay';

const chunk = (choices: object[], extra: object = {}) =>
  JSON.stringify({ id: 'c-1', object: 'chat.completion.chunk', created: 1, model: 'm', choices, ...extra });
const usage = { prompt_tokens: 4, completion_tokens: 2, total_tokens: 6 };

describe('ChunkRelay', () => {
  it('moves usage sent on the finish chunk to a last choices-less chunk', () => {
    const relay = new ChunkRelay('mistral');
    expect(
      relay.push(chunk([{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }])),
    ).toHaveLength(1);
    const [finish] = relay.push(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }], { usage }));
    expect(finish).not.toHaveProperty('usage');
    expect(finish!.choices[0]!.finish_reason).toBe('stop');
    expect(relay.push('[DONE]')).toEqual([]);
    expect(relay.done).toBe(true);
    expect(relay.end()).toEqual([expect.objectContaining({ id: 'c-1', choices: [], usage })]);
  });

  it('drops chunks with nothing to relay (Azure’s prompt filter results) and ignores events after [DONE]', () => {
    const relay = new ChunkRelay('azure');
    expect(
      relay.push(JSON.stringify({ id: '', object: '', created: 0, model: '', choices: [], prompt_filter_results: [] })),
    ).toEqual([]);
    relay.push(chunk([{ index: 0, delta: { content: 'x' }, finish_reason: 'stop' }]));
    relay.push('[DONE]');
    expect(relay.push(chunk([{ index: 0, delta: { content: 'late' }, finish_reason: null }]))).toEqual([]);
    expect(relay.end()).toEqual([]);
  });

  it('refuses a stream that ends before any finish, usage or [DONE]', () => {
    const relay = new ChunkRelay('vllm');
    relay.push(chunk([{ index: 0, delta: { content: 'cut' }, finish_reason: null }]));
    expect(() => relay.end()).toThrow(expect.objectContaining({ code: 'invalid_response' }));
  });

  it('throws an upstream error event as a ProviderError', () => {
    const relay = new ChunkRelay('openrouter');
    const event = JSON.stringify({ error: { code: 'server_error', message: 'Provider returned error' } });
    expect(() => relay.push(event)).toThrow(
      expect.objectContaining({ type: 'upstream_error', provider: 'openrouter' }),
    );
  });
});
