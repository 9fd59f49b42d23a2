import type { ChatCompletionChunk } from '@llmgw/contracts';
import { tokenUsage } from './openai.chat.mapper';
import { invalidResponse, mapOpenAiStreamError } from './openai.errors';
import { normaliseFinishReason } from './openai.finish-reason';
import { wireChunkSchema } from './openai.wire.schema';

/** The end-of-stream sentinel OpenAI sends as `data: [DONE]`. */
export const STREAM_DONE = Symbol('openai-stream-done');

/**
 * Reads one SSE `data` payload: a chunk, the end sentinel, an upstream error event (thrown as a
 * ProviderError), or anything else (thrown as an 'invalid response'). Pure.
 */
export function fromOpenAiStreamData(provider: string, data: string): ChatCompletionChunk | typeof STREAM_DONE {
  if (data.trim() === '[DONE]') return STREAM_DONE;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (error) {
    throw invalidResponse(provider, 'stream event is not JSON', error);
  }
  const upstreamError = (json as { error?: unknown } | null)?.error;
  if (typeof upstreamError === 'object' && upstreamError !== null) throw mapOpenAiStreamError(provider, upstreamError);

  const parsed = wireChunkSchema.safeParse(json);
  if (!parsed.success) throw invalidResponse(provider, 'not a chat completion chunk', parsed.error);
  const wire = parsed.data;
  return {
    id: wire.id,
    object: 'chat.completion.chunk',
    created: wire.created,
    model: wire.model,
    ...(wire.system_fingerprint ? { system_fingerprint: wire.system_fingerprint } : {}),
    choices: wire.choices.map((choice) => ({
      index: choice.index,
      delta: {
        ...(choice.delta?.role === 'assistant' ? { role: 'assistant' as const } : {}),
        ...(choice.delta?.content !== undefined ? { content: choice.delta.content } : {}),
        ...(choice.delta?.tool_calls ? { tool_calls: choice.delta.tool_calls } : {}),
      },
      finish_reason: normaliseFinishReason(choice.finish_reason),
      logprobs: null,
    })),
    ...(wire.usage ? { usage: tokenUsage(wire.usage) } : {}),
  };
}
