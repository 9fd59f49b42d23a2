import { z } from 'zod';

// The Anthropic Messages request as the gateway accepts it: the subset that has an OpenAI
// chat equivalent. Unknown fields (top_k, thinking, cache_control on blocks...) are dropped;
// block types we cannot translate (documents, server tools) are refused with the path named.
const textBlock = z.object({ type: z.literal('text'), text: z.string() });

const imageSource = z.discriminatedUnion('type', [
  z.object({ type: z.literal('base64'), media_type: z.string().min(1), data: z.string().min(1) }),
  z.object({ type: z.literal('url'), url: z.string().min(1) }),
]);
const imageBlock = z.object({ type: z.literal('image'), source: imageSource });

const toolUseBlock = z.object({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
});

const toolResultBlock = z.object({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z.union([z.string(), z.array(textBlock)]).optional(),
  is_error: z.boolean().optional(),
});

// Thinking blocks are the model's own scratchpad: clients send them back, we do not forward them.
const thinkingBlock = z.object({ type: z.enum(['thinking', 'redacted_thinking']) });

const userBlock = z.discriminatedUnion('type', [textBlock, imageBlock, toolResultBlock]);
const assistantBlock = z.discriminatedUnion('type', [textBlock, toolUseBlock, thinkingBlock]);

const messageSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('user'), content: z.union([z.string(), z.array(userBlock)]) }),
  z.object({ role: z.literal('assistant'), content: z.union([z.string(), z.array(assistantBlock)]) }),
]);

const toolSchema = z.object({
  type: z.literal('custom').optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: z.record(z.string(), z.unknown()),
});

const toolChoiceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().optional() }),
  z.object({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().optional() }),
  z.object({ type: z.literal('tool'), name: z.string().min(1), disable_parallel_tool_use: z.boolean().optional() }),
  z.object({ type: z.literal('none') }),
]);

export const anthropicMessagesRequestSchema = z.object({
  model: z.string().min(1),
  // Anthropic makes max_tokens mandatory; so do we on this route.
  max_tokens: z.number({ error: (issue) => (issue.input === undefined ? 'Field required' : undefined) }).int().positive(),
  messages: z.array(messageSchema).min(1),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  stream: z.boolean().optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  stop_sequences: z.array(z.string()).max(4).optional(),
  tools: z.array(toolSchema).optional(),
  tool_choice: toolChoiceSchema.optional(),
  metadata: z.object({ user_id: z.string().nullable().optional() }).optional(),
});

export type AnthropicMessagesRequest = z.infer<typeof anthropicMessagesRequestSchema>;
export type AnthropicMessageParam = AnthropicMessagesRequest['messages'][number];
