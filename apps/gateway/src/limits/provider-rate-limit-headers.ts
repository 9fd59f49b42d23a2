import type { UpstreamRateLimitHeaders } from '@llmgw/providers';
import type { ServerResponse } from 'node:http';

/**
 * The answering provider's own rate-limit headers go out under this prefix, so they never clash
 * with the gateway's `X-RateLimit-*` (LiteLLM does the same with `llm_provider-`).
 */
export const PROVIDER_HEADER_PREFIX = 'x-llmgw-provider-';

/**
 * Sets the provider's allow-listed rate-limit headers (already filtered by the adapter) on the raw
 * response, before it is written: JSON replies and hijacked streams alike. No-op when none.
 */
export function relayProviderRateLimitHeaders(raw: ServerResponse, headers: UpstreamRateLimitHeaders | undefined): void {
  if (!headers || raw.headersSent) return;
  for (let index = 0; index + 1 < headers.length; index += 2) raw.setHeader(PROVIDER_HEADER_PREFIX + headers[index]!, headers[index + 1]!);
}
