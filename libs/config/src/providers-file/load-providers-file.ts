import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigValidationError } from '../load-config';
import { interpolateEnv } from './env-interpolation';
import { providersFileSchema, type ProvidersFile } from './providers-file.schema';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the providers/models file (`LLM_GATEWAY_CONFIG`, JSON or YAML by extension), with
 * `${VAR}` / `${VAR:-fallback}` taken from `env`. A bad file throws a ConfigValidationError
 * naming the path of each bad field, e.g. `providers.openai.models[0].context_window: expected number`.
 */
export function loadProvidersFile(path: string | undefined, env: Env = process.env): ProvidersFile {
  if (!path) return providersFileSchema.parse({});
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigValidationError([`LLM_GATEWAY_CONFIG (${path}): ${error instanceof Error ? error.message : String(error)}`]);
  }
  return parseProvidersFile(text, path, env);
}

/** The same from text already read; `path` names the file in errors and picks YAML or JSON. */
export function parseProvidersFile(text: string, path: string, env: Env): ProvidersFile {
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new ConfigValidationError([`LLM_GATEWAY_CONFIG (${path}): ${error instanceof Error ? error.message : String(error)}`]);
  }
  const { value, problems } = interpolateEnv(raw ?? {}, env);
  if (problems.length > 0) throw new ConfigValidationError(problems.map((problem) => `${path}: ${problem}`));
  const result = providersFileSchema.safeParse(value);
  if (result.success) return result.data;
  throw new ConfigValidationError(result.error.issues.map((issue) => `${path}: ${formatPath(issue.path)}: ${issue.message.replace(/^Invalid input: /, '')}`));
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '') || '(root)';
}
