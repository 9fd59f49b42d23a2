import type { ChatCompletionRequest } from '@llmgw/contracts';
import { toGeminiConversation } from './gemini.contents.mapper';
import { sanitiseGeminiSchema } from './gemini.schema-sanitiser';

/**
 * The GenerateContentRequest for an OpenAI chat request. Not mapped, because Gemini has no
 * equivalent: `user`, `metadata`, `logit_bias`, `presence_penalty`/`frequency_penalty` (refused by
 * several Gemini models) and `n` > 1 (the contract allows only 1). Pure.
 */
export function toGeminiChatBody(provider: string, request: ChatCompletionRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { ...toGeminiConversation(provider, request.messages) };
  const tools = request.tools ?? [];
  if (tools.length > 0) {
    body.tools = [{ functionDeclarations: tools.map((tool) => functionDeclaration(tool.function)) }];
    if (request.tool_choice !== undefined)
      body.toolConfig = { functionCallingConfig: callingConfig(request.tool_choice) };
  }
  body.generationConfig = generationConfig(request);
  return body;
}

type ToolFunction = NonNullable<ChatCompletionRequest['tools']>[number]['function'];

function functionDeclaration(fn: ToolFunction): Record<string, unknown> {
  const declaration: Record<string, unknown> = { name: fn.name };
  if (fn.description) declaration.description = fn.description;
  const parameters = fn.parameters ? sanitiseGeminiSchema(fn.parameters) : undefined;
  // Gemini refuses an OBJECT without properties: a function without arguments has no parameters.
  const hasProperties = parameters?.properties && Object.keys(parameters.properties).length > 0;
  if (parameters && (parameters.type !== 'OBJECT' || hasProperties)) declaration.parameters = parameters;
  return declaration;
}

function callingConfig(choice: NonNullable<ChatCompletionRequest['tool_choice']>): Record<string, unknown> {
  if (choice === 'none') return { mode: 'NONE' };
  if (choice === 'auto') return { mode: 'AUTO' };
  if (choice === 'required') return { mode: 'ANY' };
  return { mode: 'ANY', allowedFunctionNames: [choice.function.name] };
}

function generationConfig(request: ChatCompletionRequest): Record<string, unknown> {
  const config: Record<string, unknown> = { candidateCount: 1 };
  if (request.temperature != null) config.temperature = request.temperature;
  if (request.top_p != null) config.topP = request.top_p;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens != null) config.maxOutputTokens = maxTokens;
  if (request.stop != null) config.stopSequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (request.seed != null) config.seed = request.seed;
  const format = request.response_format;
  if (format?.type === 'json_object') config.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    config.responseMimeType = 'application/json';
    const schema = format.json_schema.schema;
    if (schema && typeof schema === 'object') config.responseSchema = sanitiseGeminiSchema(schema);
  }
  return config;
}
