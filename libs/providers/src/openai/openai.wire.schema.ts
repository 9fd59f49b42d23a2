import { toolCallSchema } from '@llmgw/contracts';
import { z } from 'zod';

// What we need from OpenAI's answers, checked before we trust it. Loose: providers add fields.
const finishReason = z.string().nullable().optional();

export const wireUsageSchema = z.looseObject({
  prompt_tokens: z.number().int().nonnegative(),
  completion_tokens: z.number().int().nonnegative(),
});

export const wireCompletionSchema = z.looseObject({
  id: z.string(),
  created: z.number().int(),
  model: z.string(),
  system_fingerprint: z.string().nullable().optional(),
  choices: z.array(
    z.looseObject({
      index: z.number().int(),
      message: z.looseObject({
        content: z.string().nullable().optional(),
        tool_calls: z.array(toolCallSchema).nullable().optional(),
      }),
      finish_reason: finishReason,
    }),
  ),
  usage: wireUsageSchema.nullable().optional(),
});

const wireToolCallDelta = z.looseObject({
  index: z.number().int(),
  id: z.string().optional(),
  type: z.literal('function').optional(),
  function: z.looseObject({ name: z.string().optional(), arguments: z.string().optional() }).optional(),
});

export const wireChunkSchema = z.looseObject({
  id: z.string(),
  created: z.number().int(),
  model: z.string(),
  system_fingerprint: z.string().nullable().optional(),
  choices: z.array(
    z.looseObject({
      index: z.number().int(),
      delta: z
        .looseObject({
          role: z.string().nullable().optional(),
          content: z.string().nullable().optional(),
          tool_calls: z.array(wireToolCallDelta).nullable().optional(),
        })
        .optional(),
      finish_reason: finishReason,
    }),
  ),
  usage: wireUsageSchema.nullable().optional(),
});

export type WireUsage = z.infer<typeof wireUsageSchema>;
