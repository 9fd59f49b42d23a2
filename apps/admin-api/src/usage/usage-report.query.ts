import { z } from 'zod';

const DAY_MS = 86_400_000;
const MAX_DAYS = 1_100;
const isoDay = z.iso.date({ error: 'must be a date, YYYY-MM-DD' });
const today = () => new Date().toISOString().slice(0, 10);
const daysBefore = (day: string, days: number) => new Date(Date.parse(day) - days * DAY_MS).toISOString().slice(0, 10);

const scope = {
  api_key_id: z.uuid().optional(),
  team_id: z.uuid().optional(),
};

/** `?from=&to=` days, `to` exclusive; defaults to the 30 days up to and including today. */
const dayRange = z.object({ from: isoDay.optional(), to: isoDay.optional(), ...scope }).transform(({ from, to, api_key_id, team_id }) => {
  const end = to ?? daysBefore(today(), -1);
  return { from: from ?? daysBefore(end, 30), to: end, apiKeyId: api_key_id, teamId: team_id };
});

const ordered = <T extends { from: string; to: string }>(range: T) => range.from < range.to && Date.parse(range.to) - Date.parse(range.from) <= MAX_DAYS * DAY_MS;
const orderedMessage = { message: `must be before to, at most ${MAX_DAYS} days apart`, path: ['from'] };

export const periodReportQuerySchema = z
  .object({
    from: isoDay.optional(),
    to: isoDay.optional(),
    ...scope,
    period: z.enum(['day', 'week', 'month']).default('day'),
    group_by: z.enum(['provider', 'model', 'key', 'team']).default('provider'),
  })
  .transform(({ period, group_by, ...range }) => ({ filter: dayRange.parse(range), period, groupBy: group_by }))
  .refine(({ filter }) => ordered(filter), orderedMessage);

export const dailySeriesQuerySchema = z
  .object({ days: z.coerce.number().int().min(1).max(366).default(30), ...scope })
  .transform(({ days, api_key_id, team_id }) => {
    const to = daysBefore(today(), -1);
    return { from: daysBefore(to, days), to, apiKeyId: api_key_id, teamId: team_id };
  });

export const topModelsQuerySchema = z
  .object({ from: isoDay.optional(), to: isoDay.optional(), ...scope, limit: z.coerce.number().int().min(1).max(100).default(10) })
  .transform(({ limit, ...range }) => ({ filter: dayRange.parse(range), limit }))
  .refine(({ filter }) => ordered(filter), orderedMessage);

export const workspaceCostsQuerySchema = z
  .object({ from: isoDay.optional(), to: isoDay.optional() })
  .transform((range) => dayRange.parse(range))
  .refine(ordered, orderedMessage);

export const workspaceIdSchema = z.object({ team_id: z.uuid() });

export const deadLetterPageQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
