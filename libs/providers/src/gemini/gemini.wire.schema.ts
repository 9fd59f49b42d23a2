import { z } from 'zod';

// What we read from Gemini's GenerateContentResponse, checked before we trust it. Loose: Google
// adds fields (safetyRatings, citationMetadata, avgLogprobs, groundingMetadata…) all the time.
export const wirePartSchema = z.looseObject({
  text: z.string().optional(),
  /** Thinking models may return their thoughts as parts flagged `thought: true`: never relayed. */
  thought: z.boolean().optional(),
  functionCall: z
    .looseObject({ name: z.string(), args: z.record(z.string(), z.unknown()).nullable().optional() })
    .optional(),
});

export const wireCandidateSchema = z.looseObject({
  content: z.looseObject({ role: z.string().optional(), parts: z.array(wirePartSchema).optional() }).optional(),
  finishReason: z.string().optional(),
  index: z.number().int().optional(),
});

export const wireUsageMetadataSchema = z.looseObject({
  promptTokenCount: z.number().int().nonnegative().optional(),
  candidatesTokenCount: z.number().int().nonnegative().optional(),
  thoughtsTokenCount: z.number().int().nonnegative().optional(),
  totalTokenCount: z.number().int().nonnegative().optional(),
});

export const wireResponseSchema = z.looseObject({
  candidates: z.array(wireCandidateSchema).optional(),
  promptFeedback: z.looseObject({ blockReason: z.string().optional() }).optional(),
  usageMetadata: wireUsageMetadataSchema.optional(),
  modelVersion: z.string().optional(),
  responseId: z.string().optional(),
});

export const wireBatchEmbedSchema = z.looseObject({
  embeddings: z.array(z.looseObject({ values: z.array(z.number()) })),
});

export type WirePart = z.infer<typeof wirePartSchema>;
export type WireResponse = z.infer<typeof wireResponseSchema>;
export type WireUsageMetadata = z.infer<typeof wireUsageMetadataSchema>;
