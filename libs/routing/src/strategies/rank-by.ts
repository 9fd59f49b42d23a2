import type { ScoredCandidate } from '../scoring/model-scorer';

/** A sort key; larger ranks first. */
export type RankKey = (candidate: ScoredCandidate) => number;

/** Sorts by each key in turn (larger first), then by total score, then by model id for a stable, reproducible order. */
export function rankBy(candidates: readonly ScoredCandidate[], ...keys: RankKey[]): ScoredCandidate[] {
  const all = [...keys, (candidate: ScoredCandidate) => candidate.total];
  return [...candidates].sort((a, b) => {
    for (const key of all) {
      const difference = key(b) - key(a);
      if (Math.abs(difference) > 1e-12) return difference;
    }
    return a.model.id < b.model.id ? -1 : a.model.id > b.model.id ? 1 : 0;
  });
}
