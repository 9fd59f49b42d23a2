import { isWithinTokenLimit } from 'gpt-tokenizer';
import { GatewayError } from '@llmgw/contracts';
import type { GuardrailLimits } from '../policy/resolved-policy';
import type { ActionSet } from '../redaction/action-set';

/**
 * Size limits answer 413 `request_too_large` (code `limit.input_length` / `limit.input_tokens`):
 * the request is not harmful, only too big, and clients treat the two differently.
 * The token count runs only when the text could exceed the limit (a token is at least one
 * character), and stops counting as soon as the limit is passed.
 */
export function enforceInputLimits(texts: readonly string[], limits: GuardrailLimits, actions: ActionSet): void {
  let length = 0;
  for (const text of texts) length += text.length;
  if (length > limits.maxInputLength) {
    actions.addRaw('limit.input_length:block');
    throw new GatewayError('request_too_large', `Input is ${length} characters; the limit is ${limits.maxInputLength}`, {
      code: 'limit.input_length',
      metadata: { actions: actions.list() },
    });
  }
  const maxTokens = limits.maxInputTokens;
  if (maxTokens === undefined || length <= maxTokens) return;
  if (countWithin(texts.join('\n'), maxTokens)) return;
  actions.addRaw('limit.input_tokens:block');
  throw new GatewayError('request_too_large', `Input exceeds the limit of ${maxTokens} tokens`, {
    code: 'limit.input_tokens',
    metadata: { actions: actions.list() },
  });
}

function countWithin(text: string, limit: number): boolean {
  try {
    return isWithinTokenLimit(text, limit, { disallowedSpecial: new Set() }) !== false;
  } catch {
    // Unencodable input: estimate (~4 characters a token, conservative for prose and code).
    return Math.ceil(text.length / 4) <= limit;
  }
}
