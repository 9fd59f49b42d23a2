import { z } from 'zod';

const DAY_MS = 24 * 60 * 60 * 1000;

// An ISO 8601 date-time with Z or an offset, or a plain date (midnight UTC); zod checks the
// calendar too (2001-02-30 is refused, where Date would roll it over to March).
const isoInstant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: 'must be an ISO 8601 date or date-time, e.g. 2025-01-31T00:00:00Z',
  })
  .transform((value) => new Date(value));

/** `?from=&to=`: defaults to the 24 hours before `to` (itself defaulting to now). */
export const usagePeriodQuerySchema = z
  .object({ from: isoInstant.optional(), to: isoInstant.optional() })
  .transform(({ from, to }) => {
    const end = to ?? new Date();
    return { from: from ?? new Date(end.getTime() - DAY_MS), to: end };
  })
  .refine(({ from, to }) => from.getTime() < to.getTime(), { message: 'must be before to', path: ['from'] });
