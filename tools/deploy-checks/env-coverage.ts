import { ALL_ENV_VARIABLES, adminEnvSchema, costTrackerEnvSchema, gatewayEnvSchema, loadConfig } from '@llmgw/config';
import type { z } from 'zod';

export type AppName = 'gateway' | 'admin-api' | 'cost-tracker';

export const APP_SCHEMAS: Record<AppName, z.ZodType> = {
  gateway: gatewayEnvSchema,
  'admin-api': adminEnvSchema,
  'cost-tracker': costTrackerEnvSchema,
};

/** Variables whose values are credentials: they belong in a Secret / interpolation, never inline. */
export const SECRET_VARIABLE = /(SECRET|PASSWORD|_API_KEY|_TOKEN)$|^DATABASE_URL$|^BOOTSTRAP_API_KEY$/;

export const SECRET_VARIABLES = ALL_ENV_VARIABLES.filter((name) => SECRET_VARIABLE.test(name));

/**
 * The variables an app cannot run without in production: those the schema refuses to leave
 * unset (no default, not optional, or a development default refused in production).
 */
export function requiredVariables(app: AppName): string[] {
  try {
    loadConfig(APP_SCHEMAS[app], { NODE_ENV: 'production' });
    return [];
  } catch (error) {
    const problems = (error as { problems?: string[] }).problems ?? [];
    return [...new Set(problems.map((problem) => problem.split(':', 1)[0]!))].sort();
  }
}

/** Names in `env` the platform does not read (typos, leftovers). */
export function unknownVariables(names: Iterable<string>): string[] {
  const known = new Set(ALL_ENV_VARIABLES);
  return [...names].filter((name) => !known.has(name)).sort();
}

/** Problems loading `env` as the app would in production (empty = it boots). */
export function bootProblems(app: AppName, env: Record<string, string>): string[] {
  try {
    loadConfig(APP_SCHEMAS[app], env);
    return [];
  } catch (error) {
    return (error as { problems?: string[] }).problems ?? [String(error)];
  }
}
