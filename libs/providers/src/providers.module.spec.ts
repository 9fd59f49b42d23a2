import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppConfigModule, gatewayEnvSchema, loadConfig, ProvidersFileSource } from '@llmgw/config';
import { startMockOpenAiUpstream } from '@llmgw/testing';
import { ProviderHealthMonitor } from './health/provider-health.monitor';
import { ProviderKeyRings } from './keys/provider-key-rings';
import { ProvidersConfigReloader } from './file/providers-config.reloader';
import type { ProviderAdapter } from './provider-adapter';
import { PROVIDER_ADAPTERS } from './provider-adapters.token';
import { ProviderRegistry } from './provider-registry';
import { ProvidersModule } from './providers.module';

@Module({})
class TestRootModule {}

function boot(env: Record<string, string>, options: Parameters<typeof ProvidersModule.forRoot>[0] = {}) {
  return NestFactory.createApplicationContext(
    {
      module: TestRootModule,
      imports: [AppConfigModule.forRoot(loadConfig(gatewayEnvSchema, env)), ProvidersModule.forRoot(options)],
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

  it('wires key rotation, the health monitor into routing, and file reloads into the model registry', async () => {
    const upstream = await startMockOpenAiUpstream();
    const dir = mkdtempSync(path.join(tmpdir(), 'llmgw-module-'));
    const file = path.join(dir, 'config.yaml');
    const price = (value: string) => `providers:\n  openai:\n    models:\n      - id: gpt-4o-mini\n        input_cost_per_1k: "${value}"\n`;
    writeFileSync(file, price('0.001'));
    const app = await boot(
      { OPENAI_API_KEY: 'sk-first-key-0000000000, sk-second-key-000000000', OPENAI_BASE_URL: upstream.baseUrl, HEALTH_CHECK_INTERVAL_SECONDS: '0', HEALTH_DOWN_AFTER_FAILURES: '1' },
      { providersFile: new ProvidersFileSource(file, { env: {}, pollIntervalMs: 0 }) },
    );
    try {
      expect(app.get(ProviderKeyRings).status('openai').map((key) => key.label)).toEqual(['#1 sk-fi…', '#2 sk-se…']);
      const registry = app.get(ProviderRegistry);
      expect(registry.resolve('gpt-4o-mini').model.inputNanoUsdPerMTok).toBe(1_000_000_000);

      writeFileSync(file, price('0.002'));
      expect(app.get(ProvidersConfigReloader).reloadHere()).toEqual({ status: 'reloaded', version: 2 });
      expect(registry.resolve('gpt-4o-mini').model.inputNanoUsdPerMTok).toBe(2_000_000_000);

      upstream.setBehaviour({ status: 503 });
      await app.get(ProviderHealthMonitor).runOnce();
      expect(registry.isAvailable('openai')).toBe(false);
      expect(registry.listModels().some((model) => model.provider === 'openai')).toBe(false);
      expect(registry.listModels().some((model) => model.provider === 'mock')).toBe(true);
    } finally {
      await app.close();
      await upstream.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
