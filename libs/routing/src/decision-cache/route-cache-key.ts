import { createHash } from 'node:crypto';
import type { ChatCompletionRequest } from '@llmgw/contracts';
import { weightedTextOf } from '../classification/request-text';
import type { RequestNeeds } from '../scoring/request-needs';

export interface RouteCacheKeyInput {
  request: ChatCompletionRequest;
  needs: RequestNeeds;
  strategy: string;
  taskHint: string | undefined;
  allowedModels: readonly string[] | null;
}

/**
 * Task hint, intent hash, mode and shape: two requests with the same key get the same ranking.
 * The intent is the text the classifier reads; the shape is what filters candidates (features,
 * the prompt size rounded up to a power of two, the answer's cap).
 */
export function routeCacheKeyOf({ request, needs, strategy, taskHint, allowedModels }: RouteCacheKeyInput): string {
  const intent = createHash('sha256');
  for (const part of weightedTextOf(request)) intent.update(`${part.source}\u0000${part.text}\u0000`);
  const shape = [
    needs.requiredFeatures.join('+'),
    2 ** Math.ceil(Math.log2(Math.max(1, needs.promptTokens))),
    needs.requestedMaxTokens ?? '-',
  ].join('/');
  const allowed = allowedModels ? [...allowedModels].sort().join(',') : '*';
  const metadataTask = request.metadata?.['task_type'];
  const hint = `${taskHint ?? '-'}/${typeof metadataTask === 'string' ? metadataTask : '-'}`;
  return [hint, strategy, shape, allowed, intent.digest('base64url')].join('|');
}
