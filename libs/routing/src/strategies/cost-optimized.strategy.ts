import type { RoutingStrategy } from './routing-strategy';
import { rankBy } from './rank-by';

/** Cheapest estimated cost for this request first; ties by total score. */
export const costOptimizedStrategy: RoutingStrategy = {
  name: 'cost_optimized',
  select: (candidates) => rankBy(candidates, (candidate) => -candidate.estimatedCostNanoUsd),
};
