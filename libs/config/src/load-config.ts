import type { z } from 'zod';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

/**
 * Parses the environment against an app's schema. Empty strings count as unset, so a
 * `FOO=` line in a .env file means "use the default", as operators expect.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigValidationError(
    result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`),
  );
}

/** The process environment, after an optional `.env` file in the working directory. */
export function readProcessEnv(): Record<string, string | undefined> {
  try {
    process.loadEnvFile('.env');
  } catch {
    // No .env file: the environment alone is the configuration.
  }
  return process.env;
}
