import type { RoutingStrategy } from './routing-strategy';
import { rankBy } from './rank-by';

/** Fastest expected answer first (live EWMA, else the prior); ties by total score. */
export const latencyOptimizedStrategy: RoutingStrategy = {
  name: 'latency_optimized',
  select: (candidates) => rankBy(candidates, (candidate) => -candidate.estimatedLatencyMs),
};
