import type { ChatCompletionRequest } from '@llmgw/contracts';
import { splitGatewayExtensions } from './gateway-extensions';

const ask = (extra: Record<string, unknown>): ChatCompletionRequest =>
  ({ model: 'auto', messages: [{ role: 'user', content: 'hi' }], temperature: 0.2, ...extra }) as ChatCompletionRequest;

describe('splitGatewayExtensions', () => {
  it('leaves a plain OpenAI request untouched', () => {
    const request = ask({});
    expect(splitGatewayExtensions(request)).toEqual({ request, extensions: { requiredFeatures: [], enableFallback: true } });
  });

  it("reads the specification's routing fields and strips them from what goes upstream", () => {
    const { request, extensions } = splitGatewayExtensions(
      ask({ task_type: 'sql_generation', provider: 'mock', required_capability: ['function_calling', 'json_mode', 'code_generation'], budget_remaining: 0.25, enable_fallback: false }),
    );
    expect(request).toEqual(ask({}));
    expect(extensions).toEqual({
      taskType: 'sql_generation',
      provider: 'mock',
      requiredFeatures: ['tools', 'jsonMode'],
      capabilityTask: 'python_code',
      budgetRemainingNanoUsd: 250_000_000,
      enableFallback: false,
    });
  });

  it('refuses bad values with a 400 naming the field', () => {
    expect(() => splitGatewayExtensions(ask({ budget_remaining: -1 }))).toThrow(expect.objectContaining({ type: 'invalid_request_error', param: 'budget_remaining' }));
    expect(() => splitGatewayExtensions(ask({ required_capability: 'telepathy' }))).toThrow(/required_capability: unknown telepathy/);
    expect(() => splitGatewayExtensions(ask({ enable_fallback: 'no' }))).toThrow(expect.objectContaining({ param: 'enable_fallback' }));
  });
});
