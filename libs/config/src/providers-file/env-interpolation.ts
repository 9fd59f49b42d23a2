// `${NAME}` or `${NAME:-fallback}`; `$${` stays a literal `${`.
const PLACEHOLDER = /\$(\$)?\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const WHOLE_PLACEHOLDER = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

export interface Interpolated {
  value: unknown;
  /** One per unset variable without a fallback, naming the field, e.g. `providers.openai.models[0].id: ${X} is not set`. */
  problems: string[];
}

/**
 * Replaces environment placeholders in every string of a parsed file. Done on the parsed tree,
 * never on the text, so a value can never inject YAML/JSON structure. A field that is exactly
 * one placeholder and expands to a number or boolean becomes that type (`timeout_ms: ${T:-3000}`).
 */
export function interpolateEnv(value: unknown, env: Readonly<Record<string, string | undefined>>): Interpolated {
  const problems: string[] = [];
  const walk = (node: unknown, path: string): unknown => {
    if (typeof node === 'string') return expand(node, path);
    if (Array.isArray(node)) return node.map((item, index) => walk(item, `${path}[${index}]`));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item, path ? `${path}.${key}` : key)]));
    }
    return node;
  };
  const expand = (text: string, path: string): unknown => {
    const replaced = text.replace(PLACEHOLDER, (_match, escaped: string | undefined, name: string, fallback: string | undefined) => {
      if (escaped) return `\${${name}${fallback !== undefined ? `:-${fallback}` : ''}}`;
      const set = env[name];
      if (set !== undefined && set !== '') return set;
      if (fallback !== undefined) return fallback;
      problems.push(`${path || '(root)'}: \${${name}} is not set (give a fallback with \${${name}:-value})`);
      return '';
    });
    if (!WHOLE_PLACEHOLDER.test(text)) return replaced;
    if (NUMBER.test(replaced)) return Number(replaced);
    if (replaced === 'true' || replaced === 'false') return replaced === 'true';
    return replaced;
  };
  return { value: walk(value, ''), problems };
}
