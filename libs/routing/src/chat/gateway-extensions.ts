import { GatewayError, NANO_PER_USD, type ChatCompletionRequest } from '@llmgw/contracts';
import { z } from 'zod';
import type { RequiredFeature } from '../scoring/request-needs';

/**
 * Request fields of the platform's specification that OpenAI does not define. They steer the
 * gateway and are removed before the request goes upstream (providers reject unknown fields).
 */
export interface GatewayExtensions {
  taskType?: string;
  /** Only this provider's models may serve the request. */
  provider?: string;
  /** Features every candidate must have. */
  requiredFeatures: RequiredFeature[];
  /** A task the capability names (code or SQL generation), used as a task hint. */
  capabilityTask?: string;
  /** The caller's own budget for this request, in nano-USD. */
  budgetRemainingNanoUsd?: number;
  /** `false`: the first choice only, no fallbacks. */
  enableFallback: boolean;
}

// The specification's capability names: features filter candidates, tasks steer scoring.
const CAPABILITY_FEATURES: Record<string, RequiredFeature> = {
  function_calling: 'tools',
  tools: 'tools',
  json_mode: 'jsonMode',
  vision: 'vision',
  streaming: 'streaming',
};
const CAPABILITY_TASKS: Record<string, string> = {
  code_generation: 'python_code',
  sql_generation: 'sql_generation',
  text_generation: 'general',
};
export const REQUIRED_CAPABILITIES = [...Object.keys(CAPABILITY_FEATURES), ...Object.keys(CAPABILITY_TASKS)];

const extensionsSchema = z.object({
  task_type: z.string().min(1).max(64).optional(),
  provider: z.string().regex(/^[a-z][a-z0-9-]*$/).optional(),
  required_capability: z.union([z.string(), z.array(z.string()).max(8)]).optional(),
  budget_remaining: z.number().nonnegative().max(1_000_000).optional(),
  enable_fallback: z.boolean().optional(),
});
const EXTENSION_FIELDS = Object.keys(extensionsSchema.shape);

/** Splits the gateway's fields from what goes to the provider; a bad value is a 400 naming it. */
export function splitGatewayExtensions(request: ChatCompletionRequest): { request: ChatCompletionRequest; extensions: GatewayExtensions } {
  const record = request as Record<string, unknown>;
  if (!EXTENSION_FIELDS.some((field) => field in record)) return { request, extensions: { requiredFeatures: [], enableFallback: true } };
  const parsed = extensionsSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue?.path.map(String).join('.') ?? null;
    throw new GatewayError('invalid_request_error', `${param}: ${issue?.message ?? 'invalid'}`, { param, code: 'invalid_value' });
  }
  const { task_type, provider, required_capability, budget_remaining, enable_fallback } = parsed.data;
  const capabilities = required_capability === undefined ? [] : [required_capability].flat();
  const unknown = capabilities.filter((name) => !REQUIRED_CAPABILITIES.includes(name));
  if (unknown.length > 0) {
    throw new GatewayError('invalid_request_error', `required_capability: unknown ${unknown.join(', ')} (known: ${REQUIRED_CAPABILITIES.join(', ')})`, {
      param: 'required_capability',
      code: 'invalid_value',
    });
  }
  const stripped = Object.fromEntries(Object.entries(record).filter(([field]) => !EXTENSION_FIELDS.includes(field))) as ChatCompletionRequest;
  const capabilityTask = capabilities.map((name) => CAPABILITY_TASKS[name]).find((task) => task !== undefined);
  return {
    request: stripped,
    extensions: {
      ...(task_type ? { taskType: task_type } : {}),
      ...(provider ? { provider } : {}),
      requiredFeatures: [...new Set(capabilities.flatMap((name) => (CAPABILITY_FEATURES[name] ? [CAPABILITY_FEATURES[name]] : [])))],
      ...(capabilityTask ? { capabilityTask } : {}),
      ...(budget_remaining !== undefined ? { budgetRemainingNanoUsd: Math.round(budget_remaining * Number(NANO_PER_USD)) } : {}),
      enableFallback: enable_fallback ?? true,
    },
  };
}
