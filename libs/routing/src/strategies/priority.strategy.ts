import type { RoutingStrategy } from './routing-strategy';
import { rankBy } from './rank-by';

/** Operator-given provider priorities, higher first (unlisted = 0); ties by total score. */
export const priorityStrategy: RoutingStrategy = {
  name: 'priority',
  select: (candidates, context) => rankBy(candidates, (candidate) => context.priorities?.[candidate.model.provider] ?? 0),
};
