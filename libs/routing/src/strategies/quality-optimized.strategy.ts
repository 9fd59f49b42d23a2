import { DEFAULT_SCORE_WEIGHTS } from '../scoring/scoring-weights';
import type { RoutingStrategy } from './routing-strategy';
import { rankBy } from './rank-by';

/** Best answer quality: strength and reliability in the seed weights' 2:1 ratio, ignoring cost and speed. */
export const qualityOptimizedStrategy: RoutingStrategy = {
  name: 'quality_optimized',
  select: (candidates) =>
    rankBy(
      candidates,
      ({ terms }) => terms.strength * DEFAULT_SCORE_WEIGHTS.strength + terms.reliability * DEFAULT_SCORE_WEIGHTS.reliability,
    ),
};
