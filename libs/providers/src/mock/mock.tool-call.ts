import type { ChatCompletionRequest, ToolCall } from '@llmgw/contracts';

type Tool = NonNullable<ChatCompletionRequest['tools']>[number];

/**
 * The function the request forces, if any: `tool_choice: 'required'` picks the first tool,
 * `{ type: 'function', function: { name } }` picks that one. 'auto' and 'none' force nothing.
 */
export function forcedTool(request: ChatCompletionRequest): Tool | undefined {
  const tools = request.tools ?? [];
  const choice = request.tool_choice;
  if (tools.length === 0 || choice === undefined || choice === 'auto' || choice === 'none') return undefined;
  if (choice === 'required') return tools[0];
  return (
    tools.find((tool) => tool.function.name === choice.function.name) ?? {
      type: 'function',
      function: { name: choice.function.name },
    }
  );
}

/** A deterministic call of `tool`: every declared parameter gets a plain value of its type. */
export function mockToolCall(tool: Tool, seedHex: string, text: string): ToolCall {
  const schema = tool.function.parameters as
    { properties?: Record<string, { type?: unknown; enum?: unknown[] }> } | undefined;
  const args: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema?.properties ?? {})) {
    args[name] = sampleValue(property, text);
  }
  return {
    id: `call_${seedHex.slice(0, 24)}`,
    type: 'function',
    function: { name: tool.function.name, arguments: JSON.stringify(args) },
  };
}

function sampleValue(property: { type?: unknown; enum?: unknown[] }, text: string): unknown {
  if (Array.isArray(property.enum) && property.enum.length > 0) return property.enum[0];
  const type = Array.isArray(property.type) ? property.type[0] : property.type;
  switch (type) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    case 'null':
      return null;
    default:
      return text;
  }
}
