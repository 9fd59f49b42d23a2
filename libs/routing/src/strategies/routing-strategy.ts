import type { TaskType } from '@llmgw/contracts';
import type { ScoredCandidate } from '../scoring/model-scorer';

export interface StrategyContext {
  taskType: TaskType;
  /** Provider priorities for `priority`: higher first; unlisted providers count 0. */
  priorities?: Readonly<Record<string, number>>;
  /** Providers `local_first` treats as local; defaults to DEFAULT_LOCAL_PROVIDERS. */
  localProviders?: readonly string[];
}

/** Orders scored candidates, best first; pure and deterministic (ties end on the model id). */
export interface RoutingStrategy {
  readonly name: string;
  select(candidates: readonly ScoredCandidate[], context: StrategyContext): ScoredCandidate[];
}
