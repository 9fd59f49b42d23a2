import { z } from 'zod';
import { bool, positiveInt } from '../env.fields';

/** Task-aware generation (`POST /v1/generate`): defaults when neither mode, task nor caller sets them. */
export const generationEnvShape = {
  DEFAULT_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.2),
  DEFAULT_TOP_P: z.coerce.number().min(0).max(1).default(1),
  DEFAULT_MAX_TOKENS: positiveInt(2048),
  /** Seconds a whole generation may take, every attempt included. */
  DEFAULT_TIMEOUT: positiveInt(120),
  /** When every provider fails, answer from templates, marked `rule_based_fallback`. */
  GENERATION_RULE_BASED_FALLBACK: bool(true),
};
