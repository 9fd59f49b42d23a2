import type { RoutingStrategy } from './routing-strategy';
import { rankBy } from './rank-by';

/** Providers that run on our own hardware: no per-token bill, data stays in. */
export const DEFAULT_LOCAL_PROVIDERS: readonly string[] = ['ollama', 'vllm'];

/** Local providers first, each group by total score. */
export const localFirstStrategy: RoutingStrategy = {
  name: 'local_first',
  select: (candidates, context) => {
    const local = new Set(context.localProviders ?? DEFAULT_LOCAL_PROVIDERS);
    return rankBy(candidates, (candidate) => (local.has(candidate.model.provider) ? 1 : 0));
  },
};
