import { mergeRateLimitHeaderValues, rateLimitHeaders, type RateLimitHeaderValues } from '@llmgw/usage';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';

const VALUES = Symbol('rateLimitValues');
const RAW_RESPONSE = Symbol('rateLimitRawResponse');

type Carrier = FastifyRequest & { [VALUES]?: RateLimitHeaderValues; [RAW_RESPONSE]?: ServerResponse };

/** Called by the onRequest hook: lets `setRateLimitHeaders` reach the response from the request. */
export function attachResponse(request: FastifyRequest, reply: FastifyReply): void {
  (request as Carrier)[RAW_RESPONSE] = reply.raw;
}

/**
 * Puts rate-limit values on this request's response. Several sources may report (the per-IP
 * throttler, the key's admission); per window the tighter one wins. Headers are set on the raw
 * response at once, so they reach every kind of reply: JSON, errors, and hijacked SSE streams
 * (call it before the stream opens).
 */
export function setRateLimitHeaders(request: FastifyRequest, values: RateLimitHeaderValues): void {
  const carrier = request as Carrier;
  const merged = mergeRateLimitHeaderValues(carrier[VALUES], values);
  carrier[VALUES] = merged;
  const raw = carrier[RAW_RESPONSE];
  if (!raw || raw.headersSent) return;
  for (const [name, value] of Object.entries(rateLimitHeaders(merged))) raw.setHeader(name, value);
}

/** What this request's response reports so far (undefined when nothing did). */
export function rateLimitValuesOf(request: FastifyRequest): RateLimitHeaderValues | undefined {
  return (request as Carrier)[VALUES];
}
