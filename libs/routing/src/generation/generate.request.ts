import { GENERATION_MODES } from '@llmgw/config';
import { z } from 'zod';

export type GenerationMode = (typeof GENERATION_MODES)[number];

/** The specification's task-aware body: what is wanted in words, plus what it is about. */
export const generateRequestSchema = z.strictObject({
  intent: z.string().min(1).max(100_000),
  sources: z.array(z.unknown()).max(100).optional(),
  targets: z.array(z.unknown()).max(100).optional(),
  mode: z.enum(GENERATION_MODES).default('generate'),
  /** Schemas, sample rows, constraints: context the model should respect. */
  hints: z.record(z.string(), z.unknown()).optional(),
  max_tokens: z.number().int().positive().max(200_000).optional(),
  temperature: z.number().min(0).max(2).optional(),
  /** A provider id or model id; absent means smart routing. */
  provider: z.string().min(1).max(200).optional(),
  model: z.string().min(1).max(200).optional(),
  task_type: z.string().min(1).max(64).optional(),
  force_regenerate: z.boolean().default(false),
});

export type GenerateRequest = z.infer<typeof generateRequestSchema>;
