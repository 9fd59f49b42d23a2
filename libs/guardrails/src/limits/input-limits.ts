import { GatewayError } from '@llmgw/contracts';
import type { GuardrailLimits } from '../policy/resolved-policy';
import type { ActionSet } from '../redaction/action-set';
import { withinTokenLimit } from './token-bounds';

/**
 * Size limits answer 413 `request_too_large` (code `limit.input_length` / `limit.input_tokens`):
 * the request is not harmful, only too big, and clients treat the two differently.
 * Tokens are counted only when the linear bounds of `withinTokenLimit` cannot decide: a request
 * whose UTF-8 size is within the limit (a token is at least one byte) costs one length sum.
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
  // Three UTF-8 bytes per UTF-16 unit at most (the newlines joining the texts included).
  if (maxTokens === undefined || 3 * length + texts.length <= maxTokens) return;
  if (countWithin(texts.join('\n'), maxTokens)) return;
  actions.addRaw('limit.input_tokens:block');
  throw new GatewayError('request_too_large', `Input exceeds the limit of ${maxTokens} tokens`, {
    code: 'limit.input_tokens',
    metadata: { actions: actions.list() },
  });
}

function countWithin(text: string, limit: number): boolean {
  try {
    return withinTokenLimit(text, limit);
  } catch {
    // Unencodable input: estimate (~4 characters a token, conservative for prose and code).
    return Math.ceil(text.length / 4) <= limit;
  }
}
