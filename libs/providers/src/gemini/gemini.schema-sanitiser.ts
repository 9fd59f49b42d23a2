type JsonSchema = Record<string, unknown>;

// Gemini's Schema is an OpenAPI 3.0 subset: any other keyword (additionalProperties, $schema,
// $ref, const, oneOf, exclusiveMinimum, default, examples…) makes the whole request a 400.
const KEPT = new Set([
  'description',
  'title',
  'nullable',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'minProperties',
  'maxProperties',
  'propertyOrdering',
]);
// Gemini accepts only these formats and answers 400 to others ('email', 'uri', 'uuid'…).
const FORMATS: Record<string, ReadonlySet<string>> = {
  STRING: new Set(['enum', 'date-time']),
  INTEGER: new Set(['int32', 'int64']),
  NUMBER: new Set(['float', 'double']),
};
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object']);
// Deep enough for real schemas; a recursive $ref stops here instead of looping.
const MAX_DEPTH = 12;

/**
 * A JSON schema (OpenAI tool parameters, response_format json_schema) made acceptable to Gemini:
 * local `$ref`s inlined, `type: [x, 'null']` as `nullable`, `const` as a one-value enum, `oneOf` as
 * `anyOf`, unsupported keywords and formats dropped, types in Gemini's upper-case spelling. Pure.
 */
export function sanitiseGeminiSchema(schema: unknown): JsonSchema {
  const root = isObject(schema) ? schema : {};
  return sanitise(root, root, 0);
}

function sanitise(node: JsonSchema, root: JsonSchema, depth: number): JsonSchema {
  if (depth > MAX_DEPTH) return {};
  const resolved = resolveRef(node, root);
  let out: JsonSchema = {};
  for (const [key, value] of Object.entries(resolved)) if (KEPT.has(key)) out[key] = value;

  const { type, nullable } = readType(resolved.type);
  if (type) out.type = type;
  if (nullable) out.nullable = true;

  const format = resolved.format;
  if (typeof format === 'string' && type && FORMATS[type]?.has(format)) out.format = format;

  const values = Array.isArray(resolved.enum) ? resolved.enum : 'const' in resolved ? [resolved.const] : undefined;
  // Gemini enums are string enums; a numeric enum is better left to the description than refused.
  if (values && values.every((value) => typeof value === 'string')) {
    out.enum = values;
    out.type ??= 'STRING';
  }

  if (isObject(resolved.properties)) {
    const properties: JsonSchema = {};
    for (const [name, child] of Object.entries(resolved.properties)) {
      properties[name] = sanitise(isObject(child) ? child : {}, root, depth + 1);
    }
    out.properties = properties;
    if (Array.isArray(resolved.required)) {
      out.required = resolved.required.filter((name) => typeof name === 'string' && name in properties);
    }
  }
  if (isObject(resolved.items)) out.items = sanitise(resolved.items, root, depth + 1);

  const alternatives = [resolved.anyOf, resolved.oneOf].find(Array.isArray) as unknown[] | undefined;
  if (alternatives) {
    const branches = alternatives.filter(isObject);
    const nonNull = branches.filter((branch) => branch.type !== 'null');
    if (nonNull.length < branches.length) out.nullable = true;
    // `anyOf: [X, null]` (what Pydantic emits for Optional[X]) is simply a nullable X.
    if (nonNull.length === 1) out = { ...sanitise(nonNull[0]!, root, depth + 1), ...out };
    else if (nonNull.length > 1) out.anyOf = nonNull.map((branch) => sanitise(branch, root, depth + 1));
  }
  if (Array.isArray(resolved.allOf) && resolved.allOf.length === 1 && isObject(resolved.allOf[0])) {
    out = { ...sanitise(resolved.allOf[0], root, depth + 1), ...out };
  }
  return out;
}

/** Follows '#/$defs/X' and '#/definitions/X'; the referring node's own keywords win. */
function resolveRef(node: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
  let target: unknown = root;
  for (const segment of ref.slice(2).split('/')) {
    target = isObject(target) ? target[segment.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  if (!isObject(target)) return node;
  const { $ref: _ref, ...rest } = node;
  return { ...resolveRef(target, root), ...rest };
}

function readType(type: unknown): { type: string | undefined; nullable: boolean } {
  const names = (Array.isArray(type) ? type : [type]).filter((name): name is string => typeof name === 'string');
  const concrete = names.filter((name) => name !== 'null' && TYPES.has(name));
  return { type: concrete[0]?.toUpperCase(), nullable: names.includes('null') };
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
