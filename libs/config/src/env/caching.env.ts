import { z } from 'zod';
import { bool, positiveInt } from '../env.fields';

const fraction = (fallback: number) => z.coerce.number().min(0).max(1).default(fallback);

/**
 * The response cache (libs/caching). Exact cache on by default; the semantic cache is opt-in
 * because it costs an embedding on every miss. SIMILARITY_THRESHOLD's default comes from
 * bench/caching/evaluate-threshold.ts (false hits <= 1% on every labelled set, cosine alone refusing
 * at least 40% of the tuning near-misses so that the lexical guard is not the only line).
 */
export const cachingEnvShape = {
  ENABLE_CACHE: bool(true),
  CACHE_TTL: positiveInt(86_400),
  CACHE_MAX_TTL: positiveInt(604_800),
  MAX_CACHE_SIZE: positiveInt(100_000),
  CACHE_SCOPE: z.enum(['team', 'key']).default('team'),
  ENABLE_SEMANTIC_CACHE: bool(false),
  SIMILARITY_THRESHOLD: fraction(0.85),
  SIMILARITY_THRESHOLD_FLOOR: fraction(0.8),
  SEMANTIC_CACHE_MAX_TEMPERATURE: z.coerce.number().min(0).max(2).default(1),
  SEMANTIC_CACHE_LEXICAL_GUARD: bool(true),
  EMBEDDING_PROVIDER: z.enum(['offline', 'provider']).default('offline'),
  EMBEDDING_MODEL: z.string().min(1).default('text-embedding-3-small'),
  IVF_THRESHOLD: positiveInt(10_000),
  REBUILD_INTERVAL: positiveInt(1_000),
};
