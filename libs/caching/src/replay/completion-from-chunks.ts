import type { ChatCompletion, ChatCompletionChunk, FinishReason, TokenUsage, ToolCall } from '@llmgw/contracts';

interface ChoiceDraft {
  content: string;
  hasContent: boolean;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  finishReason: FinishReason | null;
}

/**
 * Reassembles a streamed answer so it can be cached. Null when the stream did not finish (no
 * finish_reason on some choice) or had no usage: an incomplete answer is never cached.
 */
export function completionFromChunks(chunks: readonly ChatCompletionChunk[]): ChatCompletion | null {
  const first = chunks[0];
  if (!first) return null;
  const drafts = new Map<number, ChoiceDraft>();
  let usage: TokenUsage | null = null;
  let fingerprint: string | undefined;
  for (const chunk of chunks) {
    if (chunk.usage) usage = chunk.usage;
    fingerprint ??= chunk.system_fingerprint;
    for (const choice of chunk.choices) {
      const draft = drafts.get(choice.index) ?? { content: '', hasContent: false, toolCalls: [], finishReason: null };
      drafts.set(choice.index, draft);
      if (typeof choice.delta.content === 'string') {
        draft.content += choice.delta.content;
        draft.hasContent ||= choice.delta.content.length > 0;
      }
      for (const call of choice.delta.tool_calls ?? []) {
        const slot = (draft.toolCalls[call.index] ??= { id: '', name: '', arguments: '' });
        if (call.id) slot.id = call.id;
        if (call.function?.name) slot.name += call.function.name;
        if (call.function?.arguments) slot.arguments += call.function.arguments;
      }
      if (choice.finish_reason) draft.finishReason = choice.finish_reason;
    }
  }
  if (!usage || drafts.size === 0) return null;
  const choices: ChatCompletion['choices'] = [];
  for (const [index, draft] of [...drafts.entries()].sort(([a], [b]) => a - b)) {
    if (!draft.finishReason) return null;
    const toolCalls: ToolCall[] = draft.toolCalls
      .filter((call) => call !== undefined)
      .map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }));
    choices.push({
      index,
      message: {
        role: 'assistant',
        content: draft.hasContent || toolCalls.length === 0 ? draft.content : null,
        refusal: null,
        ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
      },
      finish_reason: draft.finishReason,
      logprobs: null,
    });
  }
  return {
    id: first.id,
    object: 'chat.completion',
    created: first.created,
    model: first.model,
    ...(fingerprint ? { system_fingerprint: fingerprint } : {}),
    choices,
    usage,
  };
}
