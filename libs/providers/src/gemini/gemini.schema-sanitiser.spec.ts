import { sanitiseGeminiSchema } from './gemini.schema-sanitiser';

describe('sanitiseGeminiSchema', () => {
  it('drops the keywords Gemini refuses and upper-cases types, recursively', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      additionalProperties: false,
      properties: {
        location: { type: 'string', description: 'City and state', examples: ['Boston, MA'], default: 'Paris' },
        days: { type: 'integer', minimum: 1, exclusiveMaximum: 15 },
        tags: {
          type: 'array',
          items: { type: 'object', additionalProperties: false, properties: { name: { type: 'string' } } },
        },
      },
      required: ['location', 'missing'],
    };
    expect(sanitiseGeminiSchema(schema)).toEqual({
      type: 'OBJECT',
      properties: {
        location: { type: 'STRING', description: 'City and state' },
        days: { type: 'INTEGER', minimum: 1 },
        tags: { type: 'ARRAY', items: { type: 'OBJECT', properties: { name: { type: 'STRING' } } } },
      },
      required: ['location'],
    });
  });

  it('keeps property names that look like keywords', () => {
    const schema = {
      type: 'object',
      properties: { additionalProperties: { type: 'boolean' }, $schema: { type: 'string' } },
    };
    expect(sanitiseGeminiSchema(schema).properties).toEqual({
      additionalProperties: { type: 'BOOLEAN' },
      $schema: { type: 'STRING' },
    });
  });

  it('turns nullable type unions, anyOf-with-null, oneOf and const into what Gemini understands', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: ['string', 'null'] },
        b: { anyOf: [{ type: 'integer' }, { type: 'null' }], description: 'optional count' },
        c: { oneOf: [{ type: 'string' }, { type: 'number' }] },
        d: { const: 'fixed' },
        e: { enum: [1, 2, 3], type: 'integer' },
      },
    };
    expect(sanitiseGeminiSchema(schema).properties).toEqual({
      a: { type: 'STRING', nullable: true },
      b: { type: 'INTEGER', nullable: true, description: 'optional count' },
      c: { anyOf: [{ type: 'STRING' }, { type: 'NUMBER' }] },
      d: { type: 'STRING', enum: ['fixed'] },
      e: { type: 'INTEGER' },
    });
  });

  it('keeps only the formats Gemini accepts', () => {
    const schema = {
      type: 'object',
      properties: {
        when: { type: 'string', format: 'date-time' },
        mail: { type: 'string', format: 'email' },
        big: { type: 'integer', format: 'int64' },
      },
    };
    expect(sanitiseGeminiSchema(schema).properties).toEqual({
      when: { type: 'STRING', format: 'date-time' },
      mail: { type: 'STRING' },
      big: { type: 'INTEGER', format: 'int64' },
    });
  });

  it('inlines local $refs (Pydantic and zod emit them) and stops on recursive ones', () => {
    const schema = {
      type: 'object',
      $defs: { Address: { type: 'object', properties: { city: { type: 'string' } }, additionalProperties: false } },
      definitions: { Node: { type: 'object', properties: { child: { $ref: '#/definitions/Node' } } } },
      properties: {
        home: { $ref: '#/$defs/Address', description: 'where they live' },
        tree: { $ref: '#/definitions/Node' },
      },
    };
    const result = sanitiseGeminiSchema(schema);
    expect(result).not.toHaveProperty('$defs');
    expect(result.properties).toMatchObject({
      home: { type: 'OBJECT', description: 'where they live', properties: { city: { type: 'STRING' } } },
      tree: { type: 'OBJECT', properties: { child: { type: 'OBJECT' } } },
    });
    expect(JSON.stringify(result)).not.toContain('$ref');
  });

  it('does not change its input', () => {
    const schema = { type: 'object', additionalProperties: false, properties: { a: { type: 'string' } } };
    const copy = structuredClone(schema);
    sanitiseGeminiSchema(schema);
    expect(schema).toEqual(copy);
  });
});
