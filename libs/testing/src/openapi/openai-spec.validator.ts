import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

// OpenAI's published OpenAPI document (../shared/spec beside the repository).
const SPEC_PATH = path.resolve(__dirname, '../../../../../shared/spec/openai-openapi.json');
const SPEC_ID = 'openai-openapi.json';

let ajv: Ajv2020 | null = null;

/**
 * The published document still carries OpenAPI 3.0's `nullable` in places (some beside a
 * `$ref`), which JSON Schema 2020-12 does not know: rewrite it as an explicit null branch.
 */
function withoutNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutNullable);
  if (typeof node !== 'object' || node === null) return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, withoutNullable(value)]));
  if (nullable !== true) return converted;
  if (typeof converted['type'] === 'string') {
    const nullableEnum = Array.isArray(converted['enum']) ? { enum: [...(converted['enum'] as unknown[]), null] } : {};
    return { ...converted, type: [converted['type'], 'null'], ...nullableEnum };
  }
  return { anyOf: [converted, { type: 'null' }] };
}

function compiler(): Ajv2020 {
  if (ajv) return ajv;
  const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Record<string, unknown>;
  ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat('unixtime', { type: 'number', validate: (value: number) => Number.isInteger(value) && value >= 0 });
  ajv.addSchema({ $id: SPEC_ID, components: withoutNullable(spec['components']) });
  return ajv;
}

export type OpenAiSchemaName =
  | 'CreateChatCompletionResponse'
  | 'CreateChatCompletionStreamResponse'
  | 'CreateEmbeddingResponse'
  | 'ListModelsResponse'
  | 'ErrorResponse';

/** Validation errors of `value` against a schema of OpenAI's spec; empty when it conforms. */
export function openAiSchemaErrors(name: OpenAiSchemaName, value: unknown): string[] {
  const validate = compiler().getSchema(`${SPEC_ID}#/components/schemas/${name}`);
  if (!validate) throw new Error(`schema ${name} not found in the OpenAI spec`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}
