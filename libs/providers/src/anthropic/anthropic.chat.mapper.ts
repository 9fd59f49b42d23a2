import type { ChatCompletion, ChatCompletionRequest, ToolCall } from '@llmgw/contracts';
import type { ProviderChatResult } from '../provider-adapter';
import type { ModelEntry } from '../registry/model-entry';
import { invalidResponse } from '../openai/openai.errors';
import { finishReasonFromStopReason } from './anthropic.finish-reason';
import { toAnthropicConversation } from './anthropic.messages.mapper';
import type { AnthropicMessagesBody } from './anthropic.request.types';
import { toAnthropicToolChoice, toAnthropicTools } from './anthropic.tools.mapper';
import { promptTokensOf, tokenUsage } from './anthropic.usage';
import { anthropicMessageSchema, isTextBlock, isToolUseBlock } from './anthropic.wire.schema';

// Anthropic has no JSON mode (no `response_format` in the Messages API): ask for it in `system`.
const JSON_OBJECT_INSTRUCTION =
  'Respond with a single valid JSON object and nothing else: no prose, no Markdown code fences.';

/**
 * The Messages API body for an OpenAI chat request. Built field by field: Anthropic refuses
 * unknown fields, so OpenAI-only ones (seed, penalties, logprobs, n) are dropped. Pure.
 */
export function toAnthropicBody(
  provider: string,
  request: ChatCompletionRequest,
  model: ModelEntry,
  stream: boolean,
): AnthropicMessagesBody {
  const { system, messages } = toAnthropicConversation(provider, request.messages);
  const instruction = jsonInstruction(request.response_format);
  if (instruction) system.push(instruction);
  const tools = request.tools && request.tools.length > 0 ? toAnthropicTools(request.tools) : undefined;
  const toolChoice = tools ? toAnthropicToolChoice(request.tool_choice, request['parallel_tool_calls']) : undefined;
  const stop = typeof request.stop === 'string' ? [request.stop] : (request.stop ?? []);
  const temperature = request.temperature ?? undefined;
  // Claude 4.5 models refuse temperature and top_p together: temperature wins when both are set.
  const topP = temperature === undefined ? (request.top_p ?? undefined) : undefined;

  return {
    model: model.upstreamModel,
    messages,
    // Required by Anthropic; the model's ceiling when the client set none.
    max_tokens: request.max_completion_tokens ?? request.max_tokens ?? model.maxOutputTokens,
    ...(system.length > 0 ? { system: system.join('\n\n') } : {}),
    // OpenAI allows 0..2, Anthropic 0..1.
    ...(temperature !== undefined ? { temperature: Math.min(1, Math.max(0, temperature)) } : {}),
    ...(topP !== undefined ? { top_p: topP } : {}),
    ...(stop.length > 0 ? { stop_sequences: stop } : {}),
    ...(tools ? { tools } : {}),
    ...(toolChoice ? { tool_choice: toolChoice } : {}),
    ...(request.user ? { metadata: { user_id: request.user } } : {}),
    ...(stream ? { stream: true as const } : {}),
  };
}

function jsonInstruction(format: ChatCompletionRequest['response_format']): string | undefined {
  if (format?.type === 'json_object') return JSON_OBJECT_INSTRUCTION;
  if (format?.type === 'json_schema') {
    const schema = format.json_schema['schema'];
    return schema === undefined
      ? JSON_OBJECT_INSTRUCTION
      : `${JSON_OBJECT_INSTRUCTION} It must conform to this JSON Schema: ${JSON.stringify(schema)}`;
  }
  return undefined;
}

/** Reads a 2xx Messages API answer: an OpenAI-shaped completion, or an 'invalid response' error. Pure. */
export function fromAnthropicMessage(provider: string, bodyText: string, nowSeconds: number): ProviderChatResult {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch (error) {
    throw invalidResponse(provider, 'body is not JSON', error);
  }
  const parsed = anthropicMessageSchema.safeParse(json);
  if (!parsed.success) throw invalidResponse(provider, 'not a Messages API message', parsed.error);
  const wire = parsed.data;

  const texts = wire.content.filter(isTextBlock).map((block) => block.text);
  const toolCalls: ToolCall[] = wire.content.filter(isToolUseBlock).map((block) => ({
    id: block.id,
    type: 'function',
    function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
  }));
  const completion: ChatCompletion = {
    id: wire.id,
    object: 'chat.completion',
    created: nowSeconds,
    model: wire.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: texts.length > 0 ? texts.join('') : toolCalls.length > 0 ? null : '',
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: finishReasonFromStopReason(wire.stop_reason),
        logprobs: null,
      },
    ],
    usage: tokenUsage(promptTokensOf(wire.usage), wire.usage.output_tokens ?? 0),
  };
  return { completion, usageSource: 'provider' };
}
