import type { ChatCompletion, ChatCompletionChunk } from '@llmgw/contracts';

export interface ReplayOptions {
  /** Append the usage chunk (`choices: []`) a client asked for with `stream_options.include_usage`. */
  includeUsage?: boolean;
  /** Characters per content delta; a cached answer is replayed in a few pieces, not one per token. */
  chunkChars?: number;
}

/**
 * A cached completion as the chunk sequence a live stream would have produced: a role chunk,
 * content deltas, tool-call deltas, a finish chunk, then optionally the usage chunk.
 */
export function replayAsChunks(completion: ChatCompletion, options: ReplayOptions = {}): ChatCompletionChunk[] {
  const size = Math.max(1, options.chunkChars ?? 64);
  const base = { id: completion.id, object: 'chat.completion.chunk' as const, created: completion.created, model: completion.model };
  const fingerprint = completion.system_fingerprint ? { system_fingerprint: completion.system_fingerprint } : {};
  const chunk = (choices: ChatCompletionChunk['choices'], usage?: ChatCompletionChunk['usage']): ChatCompletionChunk => ({
    ...base,
    ...fingerprint,
    choices,
    ...(usage !== undefined ? { usage } : {}),
  });
  const chunks: ChatCompletionChunk[] = [];
  for (const choice of completion.choices) {
    const index = choice.index;
    chunks.push(chunk([{ index, delta: { role: 'assistant', content: '' }, finish_reason: null, logprobs: null }]));
    const content = choice.message.content ?? '';
    for (let at = 0; at < content.length; at += size) {
      chunks.push(chunk([{ index, delta: { content: content.slice(at, at + size) }, finish_reason: null, logprobs: null }]));
    }
    (choice.message.tool_calls ?? []).forEach((call, position) => {
      const delta = { index: position, id: call.id, type: 'function' as const, function: { name: call.function.name, arguments: call.function.arguments } };
      chunks.push(chunk([{ index, delta: { tool_calls: [delta] }, finish_reason: null, logprobs: null }]));
    });
    chunks.push(chunk([{ index, delta: {}, finish_reason: choice.finish_reason, logprobs: null }]));
  }
  if (options.includeUsage) chunks.push(chunk([], completion.usage));
  return chunks;
}
