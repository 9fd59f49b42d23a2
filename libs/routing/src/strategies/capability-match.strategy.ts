import type { RoutingStrategy } from './routing-strategy';
import { rankBy } from './rank-by';

/** The model strongest at this task first; ties by total score. */
export const capabilityMatchStrategy: RoutingStrategy = {
  name: 'capability_match',
  select: (candidates) => rankBy(candidates, (candidate) => candidate.terms.strength),
};
