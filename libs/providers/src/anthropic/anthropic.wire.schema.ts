import { z } from 'zod';

// What we need from Anthropic's Messages API answers, checked before we trust them. Loose:
// Anthropic adds fields and block types under the same API version.

export const anthropicUsageSchema = z.looseObject({
  input_tokens: z.number().int().nonnegative().optional(),
  output_tokens: z.number().int().nonnegative().optional(),
  cache_creation_input_tokens: z.number().int().nonnegative().nullable().optional(),
  cache_read_input_tokens: z.number().int().nonnegative().nullable().optional(),
});

const textBlockSchema = z.looseObject({ type: z.literal('text'), text: z.string() });
const toolUseBlockSchema = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
});
/** Block and delta types we do not map (thinking, server tools, citations...): only `type` is read. */
const otherThan = (...known: string[]) => z.looseObject({ type: z.string().refine((type) => !known.includes(type)) });

const contentBlockSchema = z.union([textBlockSchema, toolUseBlockSchema, otherThan('text', 'tool_use')]);

export const anthropicMessageSchema = z.looseObject({
  id: z.string(),
  type: z.literal('message'),
  role: z.literal('assistant'),
  model: z.string(),
  content: z.array(contentBlockSchema),
  stop_reason: z.string().nullable(),
  usage: anthropicUsageSchema,
});

export const anthropicErrorObjectSchema = z.looseObject({
  type: z.string(),
  message: z.string().optional(),
  details: z.looseObject({ error_code: z.string().optional() }).nullable().optional(),
});

/** One SSE `data` payload; `type` says which, the other fields depend on it. */
export const anthropicStreamEventSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('message_start'),
    message: z.looseObject({ id: z.string(), model: z.string(), usage: anthropicUsageSchema }),
  }),
  z.looseObject({ type: z.literal('content_block_start'), index: z.number().int(), content_block: contentBlockSchema }),
  z.looseObject({
    type: z.literal('content_block_delta'),
    index: z.number().int(),
    delta: z.union([
      z.looseObject({ type: z.literal('text_delta'), text: z.string() }),
      z.looseObject({ type: z.literal('input_json_delta'), partial_json: z.string() }),
      otherThan('text_delta', 'input_json_delta'),
    ]),
  }),
  z.looseObject({ type: z.literal('content_block_stop'), index: z.number().int() }),
  z.looseObject({
    type: z.literal('message_delta'),
    delta: z.looseObject({ stop_reason: z.string().nullable().optional() }),
    usage: anthropicUsageSchema.nullable().optional(),
  }),
  z.looseObject({ type: z.literal('message_stop') }),
  z.looseObject({ type: z.literal('ping') }),
  z.looseObject({ type: z.literal('error'), error: anthropicErrorObjectSchema }),
]);

export type AnthropicTextBlock = z.infer<typeof textBlockSchema>;
export type AnthropicToolUseBlock = z.infer<typeof toolUseBlockSchema>;
type ContentBlock = z.infer<typeof contentBlockSchema>;

export const isTextBlock = (block: ContentBlock): block is AnthropicTextBlock => block.type === 'text';
export const isToolUseBlock = (block: ContentBlock): block is AnthropicToolUseBlock => block.type === 'tool_use';

export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;
export type AnthropicMessage = z.infer<typeof anthropicMessageSchema>;
export type AnthropicErrorObject = z.infer<typeof anthropicErrorObjectSchema>;
export type AnthropicStreamEvent = z.infer<typeof anthropicStreamEventSchema>;
