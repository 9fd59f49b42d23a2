import type { FinishReason } from '@llmgw/contracts';

const KNOWN: ReadonlySet<string> = new Set<FinishReason>([
  'stop',
  'length',
  'tool_calls',
  'content_filter',
  'function_call',
]);

/** Compatible servers invent reasons ('eos', 'end_turn'): anything unknown reads as 'stop'. */
export function normaliseFinishReason(reason: string | null | undefined): FinishReason | null {
  if (reason === null || reason === undefined) return null;
  return KNOWN.has(reason) ? (reason as FinishReason) : 'stop';
}
