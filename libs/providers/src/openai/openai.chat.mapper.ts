import type { ChatCompletion, ChatCompletionRequest, TokenUsage } from '@llmgw/contracts';
import type { ProviderChatResult } from '../provider-adapter';
import type { ModelEntry } from '../registry/model-entry';
import { countCompletionTokens, countPromptTokens } from '../token-counter';
import { invalidResponse } from './openai.errors';
import { normaliseFinishReason } from './openai.finish-reason';
import { wireCompletionSchema, type WireUsage } from './openai.wire.schema';

/**
 * The body sent upstream: the client's request (unknown fields included, they are vendor
 * extensions) with our upstream model name. Streams always ask for usage, so they are metered
 * from the provider's own count; the gateway drops that chunk if the client did not ask.
 */
export function toOpenAiChatBody(
  request: ChatCompletionRequest,
  model: ModelEntry,
  stream: boolean,
): Record<string, unknown> {
  const { stream: _stream, stream_options: streamOptions, ...rest } = request;
  if (!stream) return { ...rest, model: model.upstreamModel };
  return {
    ...rest,
    model: model.upstreamModel,
    stream: true,
    stream_options: { ...streamOptions, include_usage: true },
  };
}

/** Reads a 2xx chat answer: an OpenAI-shaped completion, or an 'invalid response' error. */
export function fromOpenAiChatCompletion(
  provider: string,
  bodyText: string,
  request: ChatCompletionRequest,
): ProviderChatResult {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch (error) {
    throw invalidResponse(provider, 'body is not JSON', error);
  }
  const parsed = wireCompletionSchema.safeParse(json);
  if (!parsed.success) throw invalidResponse(provider, 'not a chat completion', parsed.error);
  const wire = parsed.data;

  const completion: ChatCompletion = {
    id: wire.id,
    object: 'chat.completion',
    created: wire.created,
    model: wire.model,
    ...(wire.system_fingerprint ? { system_fingerprint: wire.system_fingerprint } : {}),
    choices: wire.choices.map((choice) => ({
      index: choice.index,
      message: {
        role: 'assistant',
        content: choice.message.content ?? null,
        refusal: null,
        ...(choice.message.tool_calls && choice.message.tool_calls.length > 0
          ? { tool_calls: choice.message.tool_calls }
          : {}),
      },
      finish_reason: normaliseFinishReason(choice.finish_reason) ?? 'stop',
      logprobs: null,
    })),
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
  if (wire.usage) return { completion: { ...completion, usage: tokenUsage(wire.usage) }, usageSource: 'provider' };
  return { completion: { ...completion, usage: estimateUsage(request, completion) }, usageSource: 'estimated' };
}

export function tokenUsage(usage: WireUsage): TokenUsage {
  const { prompt_tokens, completion_tokens } = usage;
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

function estimateUsage(request: ChatCompletionRequest, completion: ChatCompletion): TokenUsage {
  const prompt_tokens = countPromptTokens(request);
  const completion_tokens = completion.choices.reduce(
    (sum, choice) => sum + countCompletionTokens(choice.message.content, choice.message.tool_calls),
    0,
  );
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}
