import { ERROR_TYPES, type ErrorType } from '@llmgw/contracts';

// The bounded label vocabularies of the gateway family. Every value here is seeded at zero on
// boot, so dashboards and alerts have series before the first event of each kind.

export const CACHE_RESULTS = ['hit', 'semantic_hit', 'miss'] as const;
export type CacheResult = (typeof CACHE_RESULTS)[number];

/** Where a request was refused: the key's or team's limits, the provider's, or the platform's. */
export const RATE_LIMIT_SCOPES = ['key', 'team', 'provider', 'global'] as const;
export type RateLimitScope = (typeof RATE_LIMIT_SCOPES)[number];

/** Guardrail actions are `<category>.<rule>:<action>` strings; metrics keep category and action. */
export const GUARDRAIL_CATEGORIES = ['pii', 'secret', 'injection', 'sql', 'custom', 'length'] as const;
export const GUARDRAIL_ACTIONS = ['redact', 'mask', 'block', 'flag'] as const;
export type GuardrailAction = (typeof GUARDRAIL_ACTIONS)[number];

/** Gauge values: what a breaker in each state reports (alerts match `== 2`). */
export const BREAKER_STATE_VALUE = { closed: 0, half_open: 1, open: 2 } as const;
export type BreakerState = keyof typeof BREAKER_STATE_VALUE;

export const ERROR_TYPE_NAMES = Object.keys(ERROR_TYPES) as ErrorType[];

/** `semantic-hit` (the response header's spelling) and `semantic_hit` are the same result. */
export function normaliseCacheResult(result: string): CacheResult {
  const value = result.replace('-', '_');
  return (CACHE_RESULTS as readonly string[]).includes(value) ? (value as CacheResult) : 'miss';
}

/** `pii.email:redact` -> `{ category: 'pii', action: 'redact' }`; unknown parts become `other`. */
export function guardrailLabels(actionString: string): { category: string; action: string } {
  const [rule = '', action = ''] = actionString.split(':', 2);
  const category = rule.split('.', 1)[0] ?? '';
  return {
    category: (GUARDRAIL_CATEGORIES as readonly string[]).includes(category) ? category : 'other',
    action: (GUARDRAIL_ACTIONS as readonly string[]).includes(action) ? action : 'other',
  };
}
