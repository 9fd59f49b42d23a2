import type { ChatCompletionRequest, ChatMessage } from '@llmgw/contracts';
import type { GuardrailEngine } from '../engine/guardrail-engine';
import { enforceInputLimits } from '../limits/input-limits';
import type { ActionSet } from '../redaction/action-set';
import { applyFindings } from '../redaction/apply-findings';
import type { PlaceholderMap } from '../redaction/placeholder-map';

export interface GuardedRequest {
  request: ChatCompletionRequest;
  /** Every action so far in this request, `<rule>:<mode>`. */
  actions: string[];
}

type Content = ChatMessage['content'];

function textsOf(request: ChatCompletionRequest): string[] {
  const texts: string[] = [];
  for (const message of request.messages) {
    const content = message.content;
    if (typeof content === 'string') texts.push(content);
    else if (Array.isArray(content)) for (const part of content) if (part.type === 'text') texts.push(part.text);
    if (message.role === 'assistant') for (const call of message.tool_calls ?? []) texts.push(call.function.arguments);
  }
  return texts;
}

/**
 * Input guard: limits, then every message text (string contents, text parts, assistant
 * tool-call arguments). Prompt-injection checks run on user and tool messages: system and
 * developer prompts are the operator's own. Returns a new request; the input is not changed.
 * Throws `guardrail_blocked` (400) or `request_too_large` (413).
 */
export function guardChatRequest(
  request: ChatCompletionRequest,
  engine: GuardrailEngine,
  placeholders: PlaceholderMap,
  actions: ActionSet,
): ChatCompletionRequest {
  if (!engine.enabled) return request;
  enforceInputLimits(textsOf(request), engine.policy.limits, actions);
  const guard = (text: string, injection: boolean, json = false) =>
    applyFindings(text, engine.scan(text, { injection }), engine, placeholders, actions, { json });
  const guardContent = <C extends Content>(content: C, injection: boolean): C => {
    if (typeof content === 'string') return guard(content, injection) as C;
    if (!Array.isArray(content)) return content;
    let changed = false;
    const parts = content.map((part) => {
      if (part.type !== 'text') return part;
      const text = guard(part.text, injection);
      if (text === part.text) return part;
      changed = true;
      return { ...part, text };
    });
    return (changed ? parts : content) as C;
  };
  let changed = false;
  const messages = request.messages.map((message): ChatMessage => {
    const injection = message.role === 'user' || message.role === 'tool';
    const content = guardContent(message.content, injection);
    let next: ChatMessage = content === message.content ? message : ({ ...message, content } as ChatMessage);
    if (next.role === 'assistant' && next.tool_calls) {
      const original = next.tool_calls;
      const calls = original.map((call) => {
        const args = guard(call.function.arguments, false, true);
        return args === call.function.arguments ? call : { ...call, function: { ...call.function, arguments: args } };
      });
      if (calls.some((call, i) => call !== original[i])) next = { ...next, tool_calls: calls };
    }
    if (next !== message) changed = true;
    return next;
  });
  let result = changed ? { ...request, messages } : request;
  const maxOut = engine.policy.limits.maxOutputTokens;
  if (maxOut !== undefined) result = clampOutputTokens(result, maxOut, actions);
  return result;
}

/** MAX_OUTPUT_TOKENS is enforced by asking for no more: max_tokens / max_completion_tokens clamped. */
function clampOutputTokens(request: ChatCompletionRequest, max: number, actions: ActionSet): ChatCompletionRequest {
  const asked = request.max_completion_tokens ?? request.max_tokens;
  if (asked != null && asked <= max) return request;
  actions.addRaw('limit.output_tokens:clamp');
  if (request.max_completion_tokens != null)
    return { ...request, max_completion_tokens: max, ...(request.max_tokens != null ? { max_tokens: max } : {}) };
  return { ...request, max_tokens: max };
}
