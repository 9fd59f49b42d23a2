import type { ChatCompletionChunk, TokenUsage } from '@llmgw/contracts';
import type { MockReply } from './mock.reply';

interface ChunkMeta {
  id: string;
  created: number;
  model: string;
}

const WORDS_PER_CHUNK = 2;

/**
 * A reply as OpenAI streams it: a role chunk, content (or tool call) chunks, a finish chunk,
 * then a usage chunk with `choices: []`.
 */
export function mockChunks(reply: MockReply, usage: TokenUsage, meta: ChunkMeta): ChatCompletionChunk[] {
  const chunk = (
    delta: ChatCompletionChunk['choices'][number]['delta'],
    finishReason: ChatCompletionChunk['choices'][number]['finish_reason'] = null,
  ): ChatCompletionChunk => ({
    ...meta,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
  });
  const chunks = [chunk({ role: 'assistant', content: '' })];
  reply.toolCalls.forEach((call, index) => {
    chunks.push(
      chunk({
        tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }],
      }),
    );
    chunks.push(chunk({ tool_calls: [{ index, function: { arguments: call.function.arguments } }] }));
  });
  for (const piece of splitWords(reply.content ?? '', WORDS_PER_CHUNK)) chunks.push(chunk({ content: piece }));
  chunks.push(chunk({}, reply.finishReason));
  chunks.push({ ...meta, object: 'chat.completion.chunk', choices: [], usage });
  return chunks;
}

/** Pieces of `words` words each, whitespace kept, so the pieces join back to the text exactly. */
function splitWords(text: string, words: number): string[] {
  const tokens = text.match(/\s*\S+/g) ?? [];
  const pieces: string[] = [];
  for (let i = 0; i < tokens.length; i += words) pieces.push(tokens.slice(i, i + words).join(''));
  const trailing = text.length - pieces.join('').length;
  if (trailing > 0) pieces.push(text.slice(-trailing));
  return pieces;
}
