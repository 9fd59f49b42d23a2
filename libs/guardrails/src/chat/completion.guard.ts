import type { ChatCompletion } from '@llmgw/contracts';
import type { GuardrailEngine } from '../engine/guardrail-engine';
import type { ActionSet } from '../redaction/action-set';
import { applyFindings } from '../redaction/apply-findings';
import type { PlaceholderMap } from '../redaction/placeholder-map';

/**
 * Output guard for a whole response: PII and secrets the model produced are handled per
 * policy (mask-mode types are only flagged: the caller may see their own data), SQL checks
 * run when enabled, then mask-mode placeholders are restored. An answer over
 * max_output_length is cut with finish_reason "length". Throws `guardrail_blocked` on a block.
 */
export function guardChatCompletion(
  completion: ChatCompletion,
  engine: GuardrailEngine,
  placeholders: PlaceholderMap,
  actions: ActionSet,
): ChatCompletion {
  if (!engine.enabled) return completion;
  const maxLength = engine.policy.limits.maxOutputLength;
  let changed = false;
  const choices = completion.choices.map((choice) => {
    const message = choice.message;
    let content = message.content;
    let finishReason = choice.finish_reason;
    if (typeof content === 'string' && content.length > 0) {
      if (content.length > maxLength) {
        content = content.slice(0, maxLength);
        finishReason = 'length';
        actions.addRaw('limit.output_length:truncate');
      }
      const findings = engine.scan(content, { sql: true });
      content = placeholders.restore(applyFindings(content, findings, engine, placeholders, actions, { output: true }));
    }
    let toolCalls = message.tool_calls;
    if (toolCalls) {
      const guarded = toolCalls.map((call) => {
        const raw = call.function.arguments;
        const args = placeholders.restore(applyFindings(raw, engine.scan(raw), engine, placeholders, actions, { output: true, json: true }), true);
        return args === raw ? call : { ...call, function: { ...call.function, arguments: args } };
      });
      if (guarded.some((call, i) => call !== toolCalls?.[i])) toolCalls = guarded;
    }
    if (content === message.content && finishReason === choice.finish_reason && toolCalls === message.tool_calls) return choice;
    changed = true;
    const nextMessage = { ...message, content, ...(toolCalls ? { tool_calls: toolCalls } : {}) };
    return { ...choice, message: nextMessage, finish_reason: finishReason };
  });
  return changed ? { ...completion, choices } : completion;
}
