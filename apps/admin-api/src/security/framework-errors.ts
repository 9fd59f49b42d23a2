import { GatewayError } from '@llmgw/contracts';

/** What is used of Fastify's reply (typed structurally: Nest's adapter brings its own Fastify copy). */
interface PlainReply {
  status(code: number): PlainReply;
  header(name: string, value: string): PlainReply;
  send(body: unknown): unknown;
}

/**
 * Fastify's router refuses some URLs before Nest sees them (a path that does not decode, a
 * parameter over its maximum length): answer those in the OpenAI error shape too, not Fastify's.
 */
export function openAiFrameworkErrors(error: { statusCode?: number; code?: string }, _request: unknown, reply: unknown): void {
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  // The URL is not echoed back: it can be long, and it is the caller's own input.
  const message = status === 414 ? 'A path parameter is too long' : 'The URL is not valid';
  const body = new GatewayError('invalid_request_error', message, { code: error.code ?? null }).toBody();
  void (reply as PlainReply).status(status).header('content-type', 'application/json; charset=utf-8').send(body);
}
