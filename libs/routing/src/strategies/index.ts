import { GatewayError } from '@llmgw/contracts';
import { balancedStrategy } from './balanced.strategy';
import { capabilityMatchStrategy } from './capability-match.strategy';
import { costOptimizedStrategy } from './cost-optimized.strategy';
import { latencyOptimizedStrategy } from './latency-optimized.strategy';
import { localFirstStrategy } from './local-first.strategy';
import { priorityStrategy } from './priority.strategy';
import { qualityOptimizedStrategy } from './quality-optimized.strategy';
import type { RoutingStrategy } from './routing-strategy';

const STRATEGIES = {
  balanced: balancedStrategy,
  cost_optimized: costOptimizedStrategy,
  latency_optimized: latencyOptimizedStrategy,
  quality_optimized: qualityOptimizedStrategy,
  local_first: localFirstStrategy,
  capability_match: capabilityMatchStrategy,
  priority: priorityStrategy,
} as const satisfies Record<string, RoutingStrategy>;

export type StrategyName = keyof typeof STRATEGIES;
export const STRATEGY_NAMES = Object.keys(STRATEGIES) as StrategyName[];
export const DEFAULT_STRATEGY: StrategyName = 'balanced';

/** The strategy a client named (the `x-llmgw-strategy` header); an unknown name is the client's error. */
export function strategyNamed(name: string): RoutingStrategy {
  if (Object.hasOwn(STRATEGIES, name)) return STRATEGIES[name as StrategyName];
  throw new GatewayError('invalid_request_error', `Unknown routing strategy '${name}'; expected one of ${STRATEGY_NAMES.join(', ')}`, {
    param: 'x-llmgw-strategy',
    code: 'invalid_strategy',
  });
}

export type { RoutingStrategy, StrategyContext } from './routing-strategy';
export { DEFAULT_LOCAL_PROVIDERS } from './local-first.strategy';
