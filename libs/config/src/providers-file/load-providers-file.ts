import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigValidationError } from '../load-config';
import { providersFileSchema, type ProvidersFile } from './providers-file.schema';

/**
 * Reads the providers/models file (`LLM_GATEWAY_CONFIG`, JSON or YAML by extension). A bad file
 * refuses to boot with the path of each bad field, e.g. `providers.openai.models[0].context_window`.
 */
export function loadProvidersFile(path: string | undefined): ProvidersFile {
  if (!path) return providersFileSchema.parse({});
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    raw = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new ConfigValidationError([`LLM_GATEWAY_CONFIG (${path}): ${error instanceof Error ? error.message : String(error)}`]);
  }
  const result = providersFileSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  throw new ConfigValidationError(result.error.issues.map((issue) => `${path}: ${formatPath(issue.path)}: ${issue.message}`));
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '') || '(root)';
}
