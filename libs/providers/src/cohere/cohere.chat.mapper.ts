import type { ChatCompletion, ChatCompletionRequest, ChatMessage, TokenUsage, ToolCall } from '@llmgw/contracts';
import { invalidResponse } from '../openai/openai.errors';
import type { ProviderChatResult } from '../provider-adapter';
import type { ModelEntry } from '../registry/model-entry';
import { countCompletionTokens, countPromptTokens } from '../token-counter';
import { cohereGenerationError } from './cohere.errors';
import { fromCohereFinishReason } from './cohere.finish-reason';
import { cohereChatResponseSchema, type CohereToolCall, type CohereUsage } from './cohere.wire.schema';

type Body = Record<string, unknown>;

/**
 * The `POST /v2/chat` body for an OpenAI request. Cohere v2 takes OpenAI-like messages and tools;
 * it differs in names (p, stop_sequences), in tool_choice (REQUIRED/NONE only) and in JSON mode.
 * `user` and `n` have no Cohere equivalent and are not sent. Pure.
 */
export function toCohereChatBody(request: ChatCompletionRequest, model: ModelEntry, stream: boolean): Body {
  const body: Body = { model: model.upstreamModel, messages: request.messages.map(toCohereMessage) };
  if (stream) body.stream = true;
  const tools = toolsFor(request);
  if (tools.length > 0) body.tools = tools;
  if (request.tools?.some((tool) => tool.function.strict)) body.strict_tools = true;
  const toolChoice = request.tool_choice;
  if (toolChoice === 'none') body.tool_choice = 'NONE';
  else if (toolChoice === 'required' || typeof toolChoice === 'object') body.tool_choice = 'REQUIRED';
  const format = request.response_format;
  if (format?.type === 'json_object') body.response_format = { type: 'json_object' };
  if (format?.type === 'json_schema') {
    const schema = format.json_schema.schema;
    body.response_format = { type: 'json_object', ...(schema ? { json_schema: schema } : {}) };
  }
  copy(request.temperature, 'temperature', body);
  copy(request.top_p, 'p', body);
  copy(request.max_completion_tokens ?? request.max_tokens, 'max_tokens', body);
  copy(typeof request.stop === 'string' ? [request.stop] : request.stop, 'stop_sequences', body);
  copy(request.seed, 'seed', body);
  copy(request.frequency_penalty, 'frequency_penalty', body);
  copy(request.presence_penalty, 'presence_penalty', body);
  return body;
}

function toCohereMessage(message: ChatMessage): Body {
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: message.content };
    case 'user':
      return { role: 'user', content: message.content };
    case 'assistant': {
      const result: Body = { role: 'assistant' };
      const hasText =
        typeof message.content === 'string' ? message.content.length > 0 : (message.content?.length ?? 0) > 0;
      if (hasText) result.content = message.content;
      if (message.tool_calls?.length) result.tool_calls = message.tool_calls;
      return result;
    }
    case 'tool':
      return { role: 'tool', tool_call_id: message.tool_call_id, content: message.content };
  }
}

/** Cohere cannot name the one tool to call: it gets only that tool, and REQUIRED. */
function toolsFor(request: ChatCompletionRequest): Body[] {
  const choice = request.tool_choice;
  const tools = (request.tools ?? []).filter(
    (tool) => typeof choice !== 'object' || tool.function.name === choice.function.name,
  );
  return tools.map(({ function: { strict: _strict, ...fn } }) => ({ type: 'function', function: fn }));
}

function copy(value: unknown, name: string, body: Body): void {
  if (value !== null && value !== undefined) body[name] = value;
}

/** Reads a 2xx `/v2/chat` answer into an OpenAI completion; ERROR finishes become an upstream_error. */
export function fromCohereChat(
  bodyText: string,
  request: ChatCompletionRequest,
  model: ModelEntry,
): ProviderChatResult {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch (error) {
    throw invalidResponse('cohere', 'body is not JSON', error);
  }
  const parsed = cohereChatResponseSchema.safeParse(json);
  if (!parsed.success) throw invalidResponse('cohere', 'not a chat response', parsed.error);
  const wire = parsed.data;
  const finishReason = fromCohereFinishReason(wire.finish_reason);
  if (finishReason === null) throw cohereGenerationError((wire as { error_message?: string }).error_message);

  const text = (wire.message.content ?? [])
    .flatMap((item) => (item.type === 'text' && item.text ? [item.text] : []))
    .join('');
  const toolCalls = (wire.message.tool_calls ?? []).map(toOpenAiToolCall);
  const content = text.length > 0 ? text : toolCalls.length > 0 ? null : '';
  const usage = cohereTokenUsage(wire.usage) ?? estimate(request, content, toolCalls);
  const completion: ChatCompletion = {
    id: wire.id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: model.upstreamModel,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: finishReason,
        logprobs: null,
      },
    ],
    usage,
  };
  return { completion, usageSource: wire.usage && cohereTokenUsage(wire.usage) ? 'provider' : 'estimated' };
}

export function toOpenAiToolCall(call: CohereToolCall, index: number): ToolCall {
  return {
    id: call.id ?? `call_${index}`,
    type: 'function',
    function: { name: call.function?.name ?? '', arguments: call.function?.arguments ?? '{}' },
  };
}

/** Billed units are what Cohere charges for (its prompt template is free); raw tokens otherwise. */
export function cohereTokenUsage(usage: CohereUsage | null | undefined): TokenUsage | null {
  const counted = [usage?.billed_units, usage?.tokens].find(
    (units) => units?.input_tokens !== undefined && units.output_tokens !== undefined,
  );
  if (!counted) return null;
  const prompt_tokens = Math.round(counted.input_tokens!);
  const completion_tokens = Math.round(counted.output_tokens!);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

function estimate(request: ChatCompletionRequest, content: string | null, toolCalls: ToolCall[]): TokenUsage {
  const prompt_tokens = countPromptTokens(request);
  const completion_tokens = countCompletionTokens(content, toolCalls);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}
