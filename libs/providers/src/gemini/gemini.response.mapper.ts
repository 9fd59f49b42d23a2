import {
  type ChatCompletion,
  type ChatCompletionRequest,
  ProviderError,
  type TokenUsage,
  type ToolCall,
} from '@llmgw/contracts';
import { invalidResponse } from '../openai/openai.errors';
import type { ProviderChatResult } from '../provider-adapter';
import { countCompletionTokens, countPromptTokens } from '../token-counter';
import { geminiFinishReason } from './gemini.finish-reason';
import { type WirePart, type WireResponse, wireResponseSchema, type WireUsageMetadata } from './gemini.wire.schema';

export interface GeminiAnswerContext {
  provider: string;
  /** Reported as the completion's model when Gemini does not send `modelVersion`. */
  upstreamModel: string;
  /** Unix seconds for `created`; injected so the mapper stays pure. */
  nowSeconds: number;
  /** Used for `id` when Gemini sends no `responseId`. */
  fallbackId: string;
}

/** Reads a 2xx generateContent answer: an OpenAI completion, a content_filter error, or an invalid response. */
export function fromGeminiResponse(
  bodyText: string,
  request: Pick<ChatCompletionRequest, 'messages' | 'tools'>,
  ctx: GeminiAnswerContext,
): ProviderChatResult {
  const wire = parseGeminiResponse(ctx.provider, bodyText);
  const candidate = wire.candidates?.[0];
  if (!candidate) {
    throw invalidResponse(ctx.provider, 'no candidates and no block reason');
  }
  const parts = candidate.content?.parts ?? [];
  const text = answerText(parts);
  const toolCalls = toolCallsOf(parts);
  const completion: ChatCompletion = {
    id: `chatcmpl-${wire.responseId ?? ctx.fallbackId}`,
    object: 'chat.completion',
    created: ctx.nowSeconds,
    model: wire.modelVersion ?? ctx.upstreamModel,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text === '' && toolCalls.length > 0 ? null : text,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: geminiFinishReason(candidate.finishReason ?? 'STOP', toolCalls.length > 0),
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
  const usage = geminiTokenUsage(wire.usageMetadata);
  if (usage) return { completion: { ...completion, usage }, usageSource: 'provider' };
  const prompt_tokens = countPromptTokens(request);
  const completion_tokens = countCompletionTokens(completion.choices[0]!.message.content, toolCalls);
  return {
    completion: {
      ...completion,
      usage: { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens },
    },
    usageSource: 'estimated',
  };
}

/**
 * One JSON GenerateContentResponse, validated. A prompt Gemini blocked (promptFeedback.blockReason,
 * no candidates) is thrown as a non-retryable `content_filter` ProviderError rather than relayed as
 * an empty answer: there is no answer, and another provider may well take the same prompt.
 */
export function parseGeminiResponse(provider: string, text: string): WireResponse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalidResponse(provider, 'body is not JSON', error);
  }
  const parsed = wireResponseSchema.safeParse(json);
  if (!parsed.success) throw invalidResponse(provider, 'not a GenerateContentResponse', parsed.error);
  const blockReason = parsed.data.promptFeedback?.blockReason;
  if (blockReason && (parsed.data.candidates ?? []).length === 0) {
    throw new ProviderError('content_filter', `${provider}: the prompt was blocked (${blockReason})`, provider, 200, {
      code: 'prompt_blocked',
      metadata: { blockReason },
    });
  }
  return parsed.data;
}

/** The visible text of some parts (thought parts are the model's reasoning, never relayed). */
export function answerText(parts: readonly WirePart[]): string {
  return parts
    .filter((part) => part.thought !== true && typeof part.text === 'string')
    .map((part) => part.text)
    .join('');
}

/** Function-call parts as OpenAI tool calls, ids `call_<n>` counted from `firstIndex`. */
export function toolCallsOf(parts: readonly WirePart[], firstIndex = 0): ToolCall[] {
  return parts
    .filter((part) => part.functionCall)
    .map((part, offset) => ({
      id: `call_${firstIndex + offset}`,
      type: 'function' as const,
      function: { name: part.functionCall!.name, arguments: JSON.stringify(part.functionCall!.args ?? {}) },
    }));
}

/** Gemini's counts in OpenAI's terms: thinking tokens are billed as output, so they count as completion. */
export function geminiTokenUsage(usage: WireUsageMetadata | undefined): TokenUsage | null {
  if (!usage || usage.promptTokenCount === undefined) return null;
  const prompt_tokens = usage.promptTokenCount;
  const completion_tokens = (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}
