import type { FinishReason } from '@llmgw/contracts';

// Gemini's Candidate.FinishReason values that mean "a filter stopped the answer".
const FILTERED = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY']);

/**
 * Gemini's finish reason in OpenAI's words. STOP with function calls is 'tool_calls' (Gemini says
 * STOP either way); anything else Gemini may add (OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL…) reads
 * as 'stop'. Pure.
 */
export function geminiFinishReason(reason: string, hasToolCalls: boolean): FinishReason {
  if (reason === 'MAX_TOKENS') return 'length';
  if (FILTERED.has(reason)) return 'content_filter';
  return hasToolCalls ? 'tool_calls' : 'stop';
}
