import { z } from 'zod';
import { positiveInt } from '../env.fields';

/**
 * Metering (issue 5): the usage producer's outbox, the usage jobs' retries, and the worker's
 * upkeep of the usage tables. One shape spread into every app: the gateway sets the job
 * options, the admin API replays dead letters with the same options, the worker keeps the tables.
 */
export const meteringEnvShape = {
  USAGE_JOB_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  USAGE_JOB_BACKOFF_MS: positiveInt(1_000),
  USAGE_REDIS_COMMAND_TIMEOUT_MS: positiveInt(1_000),
  USAGE_OUTBOX_PATH: z.string().min(1).optional(),
  USAGE_OUTBOX_PROBE_MS: positiveInt(1_000),
  USAGE_RETENTION_DAYS: positiveInt(90),
  USAGE_PARTITIONS_AHEAD: z.coerce.number().int().min(1).max(24).default(3),
  // Five or six cron fields; BullMQ checks the rest when the scheduler is registered at boot.
  USAGE_MAINTENANCE_CRON: z
    .string()
    .regex(/^\S+( \S+){4,5}$/, 'must be a cron expression, e.g. "15 3 * * *"')
    .default('15 3 * * *'),
};
