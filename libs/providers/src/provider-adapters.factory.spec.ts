import { createProviderAdapters } from './provider-adapters.factory';

const ids = (settings: Parameters<typeof createProviderAdapters>[0]) => {
  const adapters = createProviderAdapters(settings);
  void Promise.all(adapters.map((adapter) => adapter.close()));
  return adapters.map((adapter) => adapter.id).sort();
};

describe('createProviderAdapters', () => {
  it('switches on only the mock when no provider is configured', () => {
    expect(ids({ MOCK_PROVIDER_ENABLED: true })).toEqual(['mock']);
    expect(ids({ MOCK_PROVIDER_ENABLED: false })).toEqual([]);
  });

  it('switches on each provider by its key (or URL), under the id its models use', () => {
    expect(
      ids({
        OPENAI_API_KEY: 'k',
        AZURE_OPENAI_API_KEY: 'k',
        AZURE_OPENAI_ENDPOINT: 'https://acme.openai.azure.com',
        ANTHROPIC_API_KEY: 'k',
        GOOGLE_API_KEY: 'k',
        MISTRAL_API_KEY: 'k',
        COHERE_API_KEY: 'k',
        DEEPSEEK_API_KEY: 'k',
        TOGETHER_API_KEY: 'k',
        QWEN_API_KEY: 'k',
        QWEN_API_BASE: 'https://qwen.example/v1',
        OPENROUTER_API_KEY: 'k',
        OLLAMA_BASE_URL: 'http://127.0.0.1:11434',
        OPENAI_COMPATIBLE_BASE_URL: 'http://127.0.0.1:8000/v1',
        OPENAI_COMPATIBLE_ID: 'vllm',
      }),
    ).toEqual(['anthropic', 'azure', 'cohere', 'deepseek', 'gemini', 'mistral', 'ollama', 'openai', 'openrouter', 'qwen', 'together', 'vllm']);
  });

  it('leaves Azure off without its endpoint', () => {
    expect(ids({ AZURE_OPENAI_API_KEY: 'k' })).toEqual([]);
  });
});
