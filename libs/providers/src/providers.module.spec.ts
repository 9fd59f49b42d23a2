import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfigModule, gatewayEnvSchema, loadConfig } from '@llmgw/config';
import type { ProviderAdapter } from './provider-adapter';
import { PROVIDER_ADAPTERS } from './provider-adapters.token';
import { ProviderRegistry } from './provider-registry';
import { ProvidersModule } from './providers.module';

@Module({})
class TestRootModule {}

function boot(env: Record<string, string>) {
  return NestFactory.createApplicationContext(
    {
      module: TestRootModule,
      imports: [AppConfigModule.forRoot(loadConfig(gatewayEnvSchema, env)), ProvidersModule.forRoot()],
    },
    { logger: false },
  );
}

describe('ProvidersModule', () => {
  it('switches on the mock by default and OpenAI only when it has a key', async () => {
    const withoutKey = await boot({});
    expect(
      withoutKey
        .get(ProviderRegistry)
        .adapters()
        .map((adapter) => adapter.id),
    ).toEqual(['mock']);
    expect(
      withoutKey
        .get(ProviderRegistry)
        .listModels()
        .map((model) => model.id),
    ).toEqual(['mock-1', 'mock-fast', 'mock-embed']);
    await withoutKey.close();

    const withKey = await boot({
      OPENAI_API_KEY: 'sk-test',
      MOCK_PROVIDER_ENABLED: 'false',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
    });
    const adapters = withKey.get<ProviderAdapter[]>(PROVIDER_ADAPTERS);
    expect(adapters.map((adapter) => adapter.id)).toEqual(['openai']);
    expect(withKey.get(ProviderRegistry).resolve('gpt-4o-mini').adapter).toBe(adapters[0]);
    expect(() => withKey.get(ProviderRegistry).resolve('mock-1')).toThrow(/does not exist or is not available/);
    await withKey.close();
  });
});
