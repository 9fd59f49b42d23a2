import type { ChatCompletion } from '@llmgw/contracts';
import { completionFromChunks } from './completion-from-chunks';
import { replayAsChunks } from './replay-chunks';

const completion: ChatCompletion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'The quick brown fox jumps over the lazy dog.', refusal: null }, finish_reason: 'stop', logprobs: null }],
  usage: { prompt_tokens: 9, completion_tokens: 10, total_tokens: 19 },
};

describe('replayAsChunks', () => {
  it('replays role, content pieces and the finish reason, and the usage chunk only when asked', () => {
    const chunks = replayAsChunks(completion, { chunkChars: 10 });
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(completion.choices[0]!.message.content);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.id === 'chatcmpl-1')).toBe(true);
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    const withUsage = replayAsChunks(completion, { includeUsage: true });
    expect(withUsage.at(-1)).toMatchObject({ choices: [], usage: completion.usage });
  });

  it('round-trips through completionFromChunks, tool calls included', () => {
    const withTools: ChatCompletion = {
      ...completion,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }] },
          finish_reason: 'tool_calls',
          logprobs: null,
        },
      ],
    };
    for (const original of [completion, withTools]) {
      expect(completionFromChunks(replayAsChunks(original, { includeUsage: true, chunkChars: 7 }))).toEqual(original);
    }
  });

  it('refuses to assemble an unfinished stream or one without usage', () => {
    const chunks = replayAsChunks(completion, { includeUsage: true });
    expect(completionFromChunks(chunks.filter((chunk) => !chunk.choices[0]?.finish_reason))).toBeNull();
    expect(completionFromChunks(replayAsChunks(completion))).toBeNull();
  });
});
