import type { FinishReason } from '@llmgw/contracts';

/**
 * Cohere's finish reasons in OpenAI's words. 'ERROR' has no OpenAI equivalent: the caller turns
 * it into an upstream_error (null here). Unknown future reasons read as 'stop'.
 */
export function fromCohereFinishReason(reason: string): FinishReason | null {
  switch (reason) {
    case 'MAX_TOKENS':
      return 'length';
    case 'TOOL_CALL':
      return 'tool_calls';
    case 'ERROR':
      return null;
    default:
      return 'stop';
  }
}
