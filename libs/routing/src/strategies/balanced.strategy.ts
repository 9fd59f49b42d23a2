import type { RoutingStrategy } from './routing-strategy';
import { rankBy } from './rank-by';

/** The default: by total score. */
export const balancedStrategy: RoutingStrategy = {
  name: 'balanced',
  select: (candidates) => rankBy(candidates),
};
