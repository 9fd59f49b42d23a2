import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';

type JsonSchema = { properties?: Record<string, object>; required?: string[] } & Record<string, unknown>;

// Validation is zod (parseRequest); the OpenAPI document is generated from the same schemas,
// so the docs cannot drift from what the API accepts.
function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return json;
}

/** Documents a JSON body from its zod schema. */
export function ApiZodBody(schema: z.ZodType): MethodDecorator {
  return ApiBody({ schema: jsonSchemaOf(schema) as never });
}

/** Documents each query parameter from a zod object schema. */
export function ApiZodQuery(schema: z.ZodType): MethodDecorator {
  const json = jsonSchemaOf(schema);
  const required = new Set(json.required ?? []);
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) =>
      ApiQuery({ name, required: required.has(name), schema: property as never }),
    ),
  );
}
