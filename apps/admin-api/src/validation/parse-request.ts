import { invalidRequestFromZod } from '@llmgw/contracts';
import type { z } from 'zod';

/** Validates a body or query against its schema; a violation is a 400 naming the parameter. */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw invalidRequestFromZod(result.error);
  return result.data;
}
