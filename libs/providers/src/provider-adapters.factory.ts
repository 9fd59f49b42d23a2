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
  'OPENAI_COMPATIBLE_BASE_URL',
  'OPENAI_COMPATIBLE_API_KEY',
  'OPENAI_COMPATIBLE_ID',
] as const;

export type ProviderSettings = Partial<Pick<GatewayConfig, (typeof PROVIDER_SETTING_KEYS)[number]>>;

/**
 * The adapters the configuration switches on. A provider without a key is simply off; Ollama
 * and a generic OpenAI-compatible server (vLLM, ...) are on when their URL is set.
 */
export function createProviderAdapters(s: ProviderSettings): ProviderAdapter[] {
  const adapters: ProviderAdapter[] = [];
  if (s.MOCK_PROVIDER_ENABLED) adapters.push(new MockAdapter({ latencyMs: s.MOCK_PROVIDER_LATENCY_MS ?? 0 }));
  if (s.OPENAI_API_KEY) adapters.push(new OpenAiAdapter({ apiKey: s.OPENAI_API_KEY, baseUrl: s.OPENAI_BASE_URL ?? 'https://api.openai.com/v1', organization: s.OPENAI_ORGANIZATION }));
  if (s.AZURE_OPENAI_API_KEY && s.AZURE_OPENAI_ENDPOINT) adapters.push(new AzureOpenAiAdapter({ endpoint: s.AZURE_OPENAI_ENDPOINT, apiKey: s.AZURE_OPENAI_API_KEY, apiVersion: s.AZURE_OPENAI_API_VERSION }));
  if (s.ANTHROPIC_API_KEY) adapters.push(new AnthropicAdapter({ apiKey: s.ANTHROPIC_API_KEY, baseUrl: s.ANTHROPIC_BASE_URL }));
  if (s.GOOGLE_API_KEY) adapters.push(new GeminiAdapter({ apiKey: s.GOOGLE_API_KEY, baseUrl: s.GEMINI_BASE_URL }));
  if (s.MISTRAL_API_KEY) adapters.push(new MistralAdapter({ apiKey: s.MISTRAL_API_KEY, baseUrl: s.MISTRAL_BASE_URL }));
  if (s.COHERE_API_KEY) adapters.push(new CohereAdapter({ apiKey: s.COHERE_API_KEY, baseUrl: s.COHERE_BASE_URL }));
  if (s.DEEPSEEK_API_KEY) adapters.push(new DeepSeekAdapter({ apiKey: s.DEEPSEEK_API_KEY, baseUrl: s.DEEPSEEK_BASE_URL }));
  if (s.TOGETHER_API_KEY) adapters.push(new TogetherAdapter({ apiKey: s.TOGETHER_API_KEY, baseUrl: s.TOGETHER_BASE_URL }));
  if (s.QWEN_API_KEY && s.QWEN_API_BASE) adapters.push(createQwenAdapter({ apiKey: s.QWEN_API_KEY, baseUrl: s.QWEN_API_BASE }));
  if (s.OPENROUTER_API_KEY) adapters.push(new OpenRouterAdapter({ apiKey: s.OPENROUTER_API_KEY, baseUrl: s.OPENROUTER_BASE_URL }));
  if (s.OLLAMA_BASE_URL) adapters.push(new OllamaAdapter({ baseUrl: s.OLLAMA_BASE_URL }));
  if (s.OPENAI_COMPATIBLE_BASE_URL) {
    adapters.push(createOpenAiCompatibleAdapter({ id: s.OPENAI_COMPATIBLE_ID ?? 'vllm', baseUrl: s.OPENAI_COMPATIBLE_BASE_URL, apiKey: s.OPENAI_COMPATIBLE_API_KEY }));
  }
  return adapters;
}
