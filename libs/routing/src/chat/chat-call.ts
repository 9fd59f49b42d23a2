import type { UpstreamRateLimitHeaders } from '@llmgw/providers';
import type { RateLimitHeaderValues } from '@llmgw/usage';
import type { RouteHints } from './route-planner';

/** How the transport around the handler steers and observes one call. */
export interface ChatCallOptions {
  /** Names the public route in usage records when another API reuses this path. */
  endpoint?: string;
  hints?: RouteHints;
  /** The HTTP request headers: cache controls (`x-llmgw-cache*`) are read from them. */
  headers?: Record<string, string | string[] | undefined>;
  /** Receives the X-RateLimit-* values, on refusal too, before any response is sent. */
  onRateLimitHeaders?: (values: RateLimitHeaderValues) => void;
}

/** What the response says about how it was produced, beyond the route. */
export interface AnswerNotes {
  /** `x-llmgw-cache`: `hit`, `semantic-hit; similarity=0.93` or `miss`. */
  cache: string;
  /** SQL findings of the output guard (`stacked`, `tautology`...), for `x-llmgw-guardrail-sql`. */
  sqlFindings: string[];
  /** The answering provider's rate-limit headers, to relay; absent on cache hits. */
  providerRateLimitHeaders?: UpstreamRateLimitHeaders;
}
