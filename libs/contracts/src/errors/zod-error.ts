import type { z, ZodError } from 'zod';
import { GatewayError } from './gateway-error';

/** Turns the first schema violation into a 400 naming the offending parameter. */
export function invalidRequestFromZod(error: ZodError): GatewayError {
  const issue = error.issues[0];
  const param = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : null;
  const message = issue ? `${param ?? 'body'}: ${issue.message}` : 'Invalid request body';
  return new GatewayError('invalid_request_error', message, { param, code: issue?.code ?? null, cause: error });
}

/** Validates a body or query against its schema; a violation is a 400 naming the parameter. */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw invalidRequestFromZod(result.error);
  return result.data;
}
