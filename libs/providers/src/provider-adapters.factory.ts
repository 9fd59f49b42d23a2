import type { GatewayConfig } from '@llmgw/config';
import { MockAdapter } from './mock/mock.adapter';
import { OpenAiAdapter } from './openai/openai.adapter';
import type { ProviderAdapter } from './provider-adapter';

export type ProviderSettings = Pick<
  GatewayConfig,
  'MOCK_PROVIDER_ENABLED' | 'MOCK_PROVIDER_LATENCY_MS' | 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'OPENAI_ORGANIZATION'
>;

/** The adapters the configuration switches on. A provider without a key is simply off. */
export function createProviderAdapters(settings: ProviderSettings): ProviderAdapter[] {
  const adapters: ProviderAdapter[] = [];
  if (settings.MOCK_PROVIDER_ENABLED) adapters.push(new MockAdapter({ latencyMs: settings.MOCK_PROVIDER_LATENCY_MS }));
  if (settings.OPENAI_API_KEY) {
    adapters.push(
      new OpenAiAdapter({
        baseUrl: settings.OPENAI_BASE_URL,
        apiKey: settings.OPENAI_API_KEY,
        organization: settings.OPENAI_ORGANIZATION,
      }),
    );
  }
  return adapters;
}
