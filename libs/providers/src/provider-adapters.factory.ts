import type { GatewayConfig } from '@llmgw/config';
import { AnthropicAdapter } from './anthropic/anthropic.adapter';
import { AzureOpenAiAdapter } from './azure/azure.adapter';
import { CohereAdapter } from './cohere/cohere.adapter';
import { DeepSeekAdapter } from './deepseek/deepseek.adapter';
import { GeminiAdapter } from './gemini/gemini.adapter';
import { MistralAdapter } from './mistral/mistral.adapter';
import { MockAdapter } from './mock/mock.adapter';
import { OllamaAdapter } from './ollama/ollama.adapter';
import { createOpenAiCompatibleAdapter } from './openai-compatible/openai-compatible.generic';
import { OpenAiAdapter } from './openai/openai.adapter';
import { OpenRouterAdapter } from './openrouter/openrouter.adapter';
import type { ProviderAdapter } from './provider-adapter';
import { createQwenAdapter } from './qwen/qwen.adapter';
import { TogetherAdapter } from './together/together.adapter';
import { KeyRing } from './keys/key-ring';
import { type KeyRejectedHook, KeyRotatingAdapter } from './keys/key-rotating.adapter';
import { splitKeys } from './keys/provider-keys';

export const PROVIDER_SETTING_KEYS = [
  'MOCK_PROVIDER_ENABLED',
  'MOCK_PROVIDER_LATENCY_MS',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'OPENAI_ORGANIZATION',
  'AZURE_OPENAI_API_KEY',
  'AZURE_OPENAI_ENDPOINT',
  'AZURE_OPENAI_API_VERSION',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_BASE_URL',
  'GOOGLE_API_KEY',
  'GEMINI_API_KEY',
  'GEMINI_BASE_URL',
  'MISTRAL_API_KEY',
  'MISTRAL_BASE_URL',
  'COHERE_API_KEY',
  'COHERE_BASE_URL',
  'DEEPSEEK_API_KEY',
  'DEEPSEEK_BASE_URL',
  'TOGETHER_API_KEY',
  'TOGETHER_BASE_URL',
  'QWEN_API_KEY',
  'QWEN_API_BASE',
  'OPENROUTER_API_KEY',
  'OPENROUTER_BASE_URL',
  'OLLAMA_BASE_URL',
  'LOCAL_MODEL_URL',
  'OPENAI_COMPATIBLE_BASE_URL',
  'OPENAI_COMPATIBLE_API_KEY',
  'OPENAI_COMPATIBLE_ID',
] as const;

export type ProviderSettings = Partial<Pick<GatewayConfig, (typeof PROVIDER_SETTING_KEYS)[number]>>;

export interface ProviderAdapterOptions {
  /** Filled with each keyed provider's key ring (for reporting which keys are in rotation). */
  keyRings?: Map<string, KeyRing>;
  /** How long a key the provider rejected sits out; default 5 minutes. */
  keyCooldownMs?: number;
  onKeyRejected?: KeyRejectedHook;
}

/**
 * The adapters the configuration switches on. A provider without a key is simply off; Ollama
 * and a generic OpenAI-compatible server (vLLM, ...) are on when their URL is set. A key variable
 * may hold a comma list (`OPENAI_API_KEY=k1,k2`): the keys are used in turn (KeyRotatingAdapter).
 */
export function createProviderAdapters(s: ProviderSettings, options: ProviderAdapterOptions = {}): ProviderAdapter[] {
  const adapters: ProviderAdapter[] = [];
  const keyed = (raw: string | undefined, make: (apiKey: string) => ProviderAdapter) => {
    const keys = splitKeys(raw);
    if (keys.length === 0) return;
    const members = keys.map(make);
    const ring = new KeyRing(members[0]!.id, keys, { cooldownMs: options.keyCooldownMs ?? 300_000 });
    options.keyRings?.set(ring.provider, ring);
    // One key: the adapter itself, nothing in between on the hot path.
    adapters.push(members.length === 1 ? members[0]! : new KeyRotatingAdapter(members, ring, options.onKeyRejected));
  };
  if (s.MOCK_PROVIDER_ENABLED) adapters.push(new MockAdapter({ latencyMs: s.MOCK_PROVIDER_LATENCY_MS ?? 0 }));
  keyed(s.OPENAI_API_KEY, (apiKey) => new OpenAiAdapter({ apiKey, baseUrl: s.OPENAI_BASE_URL ?? 'https://api.openai.com/v1', organization: s.OPENAI_ORGANIZATION }));
  if (s.AZURE_OPENAI_ENDPOINT) {
    const endpoint = s.AZURE_OPENAI_ENDPOINT;
    keyed(s.AZURE_OPENAI_API_KEY, (apiKey) => new AzureOpenAiAdapter({ endpoint, apiKey, apiVersion: s.AZURE_OPENAI_API_VERSION }));
  }
  keyed(s.ANTHROPIC_API_KEY, (apiKey) => new AnthropicAdapter({ apiKey, baseUrl: s.ANTHROPIC_BASE_URL }));
  keyed(s.GOOGLE_API_KEY ?? s.GEMINI_API_KEY, (apiKey) => new GeminiAdapter({ apiKey, baseUrl: s.GEMINI_BASE_URL }));
  keyed(s.MISTRAL_API_KEY, (apiKey) => new MistralAdapter({ apiKey, baseUrl: s.MISTRAL_BASE_URL }));
  keyed(s.COHERE_API_KEY, (apiKey) => new CohereAdapter({ apiKey, baseUrl: s.COHERE_BASE_URL }));
  keyed(s.DEEPSEEK_API_KEY, (apiKey) => new DeepSeekAdapter({ apiKey, baseUrl: s.DEEPSEEK_BASE_URL }));
  keyed(s.TOGETHER_API_KEY, (apiKey) => new TogetherAdapter({ apiKey, baseUrl: s.TOGETHER_BASE_URL }));
  if (s.QWEN_API_BASE) {
    const baseUrl = s.QWEN_API_BASE;
    keyed(s.QWEN_API_KEY, (apiKey) => createQwenAdapter({ apiKey, baseUrl }));
  }
  keyed(s.OPENROUTER_API_KEY, (apiKey) => new OpenRouterAdapter({ apiKey, baseUrl: s.OPENROUTER_BASE_URL }));
  const ollama = s.OLLAMA_BASE_URL ?? s.LOCAL_MODEL_URL;
  if (ollama) adapters.push(new OllamaAdapter({ baseUrl: ollama }));
  if (s.OPENAI_COMPATIBLE_BASE_URL) {
    const baseUrl = s.OPENAI_COMPATIBLE_BASE_URL;
    const id = s.OPENAI_COMPATIBLE_ID ?? 'vllm';
    if (s.OPENAI_COMPATIBLE_API_KEY) keyed(s.OPENAI_COMPATIBLE_API_KEY, (apiKey) => createOpenAiCompatibleAdapter({ id, baseUrl, apiKey }));
    else adapters.push(createOpenAiCompatibleAdapter({ id, baseUrl }));
  }
  return adapters;
}
