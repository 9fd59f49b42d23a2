import { usageBatchSchema, usageEventSchema, type UsageBatch } from '@llmgw/contracts';
import { z } from 'zod';

/** A batch as checked by a consumer: the events it can store, and the ones it must set aside. */
export type CheckedUsageBatch =
  | { kind: 'valid'; batch: UsageBatch; rejected: unknown[]; rejectedFields: string[] }
  | { kind: 'invalid'; fields: string[] };

const envelopeSchema = z.object({ batchId: usageBatchSchema.shape.batchId, events: z.array(z.unknown()).min(1).max(10_000) });
const MAX_FIELDS_REPORTED = 5;

/**
 * Validates a usage batch event by event. Producers do not validate on the request path (it
 * cost the gateway a zod pass per request), so one malformed event (a bug somewhere) must not
 * sink the others: the valid ones are kept, the rest returned for the dead-letter queue. A batch
 * whose envelope is wrong, or with no valid event at all, is invalid as a whole.
 */
export function checkUsageBatch(payload: unknown): CheckedUsageBatch {
  const whole = usageBatchSchema.safeParse(payload);
  if (whole.success) return { kind: 'valid', batch: whole.data, rejected: [], rejectedFields: [] };
  const envelope = envelopeSchema.safeParse(payload);
  if (!envelope.success) return { kind: 'invalid', fields: fieldsOf(whole.error) };
  const events: UsageBatch['events'] = [];
  const rejected: unknown[] = [];
  const fields = new Set<string>();
  for (const event of envelope.data.events) {
    const parsed = usageEventSchema.safeParse(event);
    if (parsed.success) events.push(parsed.data);
    else {
      rejected.push(event);
      for (const field of fieldsOf(parsed.error)) fields.add(field);
    }
  }
  const rejectedFields = [...fields].slice(0, MAX_FIELDS_REPORTED);
  if (events.length === 0) return { kind: 'invalid', fields: rejectedFields.map((field) => `events.${field}`) };
  return { kind: 'valid', batch: { batchId: envelope.data.batchId, events }, rejected, rejectedFields };
}

function fieldsOf(error: z.ZodError): string[] {
  return [...new Set(error.issues.map((issue) => issue.path.join('.') || '(root)'))].slice(0, MAX_FIELDS_REPORTED);
}
