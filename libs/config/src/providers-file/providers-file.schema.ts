import { z } from 'zod';
import { TASK_TYPES } from '@llmgw/contracts';
import { dollarsPer1kToNanoPerMTok } from './dollars';

const price = z
  .union([z.string(), z.number()])
  .transform((value, ctx) => {
    const nano = dollarsPer1kToNanoPerMTok(value);
    if (nano === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be a non-negative dollar amount per 1K tokens with at most 12 decimals' });
      return z.NEVER;
    }
    return nano;
  });

export const CAPABILITIES = ['streaming', 'tools', 'json_mode', 'vision', 'embeddings'] as const;

/** A model in the file: a new one (every field) or an override of a known id (some fields). */
const modelSchema = z.strictObject({
  id: z.string().min(1),
  upstream_model: z.string().min(1).optional(),
  context_window: z.number().int().positive().optional(),
  max_output_tokens: z.number().int().nonnegative().optional(),
  /** Dollars per 1K tokens, the seeds' unit; `cost_per_1k` sets both directions. */
  cost_per_1k: price.optional(),
  input_cost_per_1k: price.optional(),
  output_cost_per_1k: price.optional(),
  capabilities: z.array(z.enum(CAPABILITIES)).optional(),
  /** Routing priors: typical latency, success probability and strength per task type (0..1). */
  typical_latency_ms: z.number().int().positive().optional(),
  reliability: z.number().min(0).max(1).optional(),
  strengths: z.partialRecord(z.enum(TASK_TYPES), z.number().min(0).max(1)).optional(),
});

const providerSchema = z.strictObject({
  enabled: z.boolean().optional(),
  timeout_ms: z.number().int().positive().optional(),
  max_tokens: z.number().int().positive().optional(),
  models: z.array(modelSchema).default([]),
});

const modelIds = (max: number) => z.array(z.string().min(1)).min(1).max(max);

/** Routing rules: which model a task goes to, what each model falls back to, named chains. */
const routingSchema = z.strictObject({
  task_routes: z.partialRecord(z.enum(TASK_TYPES), z.string().min(1)).default({}),
  fallback_map: z.record(z.string().min(1), modelIds(3)).default({}),
  /** Asked for as `"model": "chain:<name>"`: tried in order. */
  chains: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/), modelIds(4)).default({}),
});

export const GENERATION_MODES = ['generate', 'regenerate', 'optimize', 'debug', 'describe', 'analyze'] as const;
const temperature = z.number().min(0).max(2);

/** `POST /v1/generate`: sampling temperatures by mode and by task, over the built-in ones. */
const generationSchema = z.strictObject({
  temperature_by_mode: z.partialRecord(z.enum(GENERATION_MODES), temperature).default({}),
  temperature_by_task: z.partialRecord(z.enum(TASK_TYPES), temperature).default({}),
});

export const providersFileSchema = z.strictObject({
  providers: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), providerSchema).default({}),
  routing: routingSchema.default({ task_routes: {}, fallback_map: {}, chains: {} }),
  generation: generationSchema.default({ temperature_by_mode: {}, temperature_by_task: {} }),
});

export type ProvidersFile = z.infer<typeof providersFileSchema>;
export type ProviderFileSection = z.infer<typeof providerSchema>;
export type ModelFileEntry = z.infer<typeof modelSchema>;
export type RoutingRules = z.infer<typeof routingSchema>;
export type GenerationOverrides = z.infer<typeof generationSchema>;
