import { z } from 'zod';

// What we read from Cohere's v2 answers, checked before we trust it. Loose: Cohere adds fields.
const tokens = z.looseObject({
  input_tokens: z.number().nonnegative().optional(),
  output_tokens: z.number().nonnegative().optional(),
});

export const cohereUsageSchema = z.looseObject({
  billed_units: tokens.nullable().optional(),
  tokens: tokens.nullable().optional(),
});

export const cohereToolCallSchema = z.looseObject({
  id: z.string().optional(),
  type: z.string().optional(),
  function: z.looseObject({ name: z.string().optional(), arguments: z.string().optional() }).optional(),
});

export const cohereChatResponseSchema = z.looseObject({
  id: z.string(),
  finish_reason: z.string(),
  message: z.looseObject({
    role: z.string().optional(),
    content: z
      .array(z.looseObject({ type: z.string(), text: z.string().optional() }))
      .nullable()
      .optional(),
    tool_plan: z.string().nullable().optional(),
    tool_calls: z.array(cohereToolCallSchema).nullable().optional(),
  }),
  usage: cohereUsageSchema.nullable().optional(),
});

/** One SSE event's data; `type` says which (message-start, content-delta, tool-call-start, …). */
export const cohereStreamEventSchema = z.looseObject({
  type: z.string(),
  id: z.string().optional(),
  index: z.number().int().nonnegative().optional(),
  delta: z
    .looseObject({
      message: z
        .looseObject({
          // message-start carries empty arrays here; the content and tool-call events carry one object.
          content: z
            .union([z.looseObject({ type: z.string().optional(), text: z.string().optional() }), z.array(z.unknown())])
            .optional(),
          tool_calls: z.union([cohereToolCallSchema, z.array(z.unknown())]).optional(),
        })
        .optional(),
      finish_reason: z.string().optional(),
      error: z.string().nullable().optional(),
      usage: cohereUsageSchema.nullable().optional(),
    })
    .optional(),
});

export const cohereEmbedResponseSchema = z.looseObject({
  embeddings: z.looseObject({ float: z.array(z.array(z.number())) }),
  meta: z.looseObject({ billed_units: z.looseObject({ input_tokens: z.number().optional() }).optional() }).optional(),
});

export type CohereUsage = z.infer<typeof cohereUsageSchema>;
export type CohereToolCall = z.infer<typeof cohereToolCallSchema>;
export type CohereStreamEvent = z.infer<typeof cohereStreamEventSchema>;
