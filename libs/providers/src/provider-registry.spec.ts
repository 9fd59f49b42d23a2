import { GatewayError } from '@llmgw/contracts';
import type { ProviderAdapter } from './provider-adapter';
import { ProviderRegistry } from './provider-registry';
import { ModelRegistry } from './registry/model-registry';
import { MODELS } from './registry/models.data';

/** A stand-in adapter that only records whether it was closed. */
function fakeAdapter(id: string): ProviderAdapter & { closed: boolean } {
  return {
    id,
    closed: false,
    chat: () => Promise.reject(new Error('not used')),
    chatStream: () => {
      throw new Error('not used');
    },
    async close() {
      this.closed = true;
    },
  };
}

describe('ModelRegistry', () => {
  it('lists only the models of enabled providers', () => {
    const registry = new ModelRegistry(MODELS, ['mock']);
    expect(registry.list().map((model) => model.id)).toEqual(['mock-1', 'mock-fast', 'mock-embed']);
    expect(registry.get('gpt-4o-mini')).toBeUndefined();
    expect(registry.get('mock-1')).toMatchObject({
      provider: 'mock',
      inputNanoUsdPerMTok: 1_000_000_000,
      outputNanoUsdPerMTok: 2_000_000_000,
    });
  });

  it('holds integer nano-dollar prices (gpt-4o-mini is $0.15 / $0.60 per million tokens)', () => {
    const registry = new ModelRegistry(MODELS, ['openai', 'mock']);
    expect(registry.get('gpt-4o-mini')).toMatchObject({
      inputNanoUsdPerMTok: 150_000_000,
      outputNanoUsdPerMTok: 600_000_000,
      contextWindow: 128_000,
    });
    for (const model of registry.list()) {
      expect(Number.isSafeInteger(model.inputNanoUsdPerMTok) && Number.isSafeInteger(model.outputNanoUsdPerMTok)).toBe(
        true,
      );
    }
  });

  it('refuses a model id registered twice', () => {
    expect(() => new ModelRegistry([MODELS[0]!, MODELS[0]!], ['openai'])).toThrow(/registered twice/);
  });
});

describe('ProviderRegistry', () => {
  const build = (...ids: string[]) => {
    const adapters = ids.map(fakeAdapter);
    return { adapters, registry: new ProviderRegistry(adapters, new ModelRegistry(MODELS, ids)) };
  };

  it('resolves a model to its adapter and entry', () => {
    const { adapters, registry } = build('mock', 'openai');
    const resolved = registry.resolve('gpt-4o');
    expect(resolved.adapter).toBe(adapters[1]);
    expect(resolved.model).toMatchObject({ id: 'gpt-4o', upstreamModel: 'gpt-4o' });
  });

  it("takes a provider's id as its default model, and refuses it when the provider is off", () => {
    const adapters = ['mock', 'anthropic'].map(fakeAdapter);
    const registry = new ProviderRegistry(adapters, new ModelRegistry(MODELS, ['mock', 'anthropic']), { anthropic: 'claude-haiku-4-5', openai: 'gpt-4o' });
    expect(registry.resolve('anthropic').model.id).toBe('claude-haiku-4-5');
    expect(registry.resolve('anthropic').adapter).toBe(adapters[1]);
    expect(() => registry.resolve('openai')).toThrow(/The model 'openai' does not exist/);
  });

  it('refuses an unknown model, or one whose provider is off, with model_not_found', () => {
    const { registry } = build('mock');
    for (const id of ['no-such-model', 'gpt-4o-mini']) {
      let thrown: unknown;
      try {
        registry.resolve(id);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(GatewayError);
      expect(thrown).toMatchObject({
        type: 'invalid_request_error',
        status: 400,
        param: 'model',
        code: 'model_not_found',
        message: `The model '${id}' does not exist or is not available`,
      });
    }
  });

  it('lists models and adapters that are on, and closes every adapter on shutdown', async () => {
    const { adapters, registry } = build('mock', 'openai');
    expect(registry.listModels().map((model) => model.id)).toEqual(
      expect.arrayContaining(['mock-1', 'mock-fast', 'gpt-4o-mini', 'gpt-4o', 'gpt-4-turbo']),
    );
    expect(registry.adapters().map((adapter) => adapter.id)).toEqual(['mock', 'openai']);
    await registry.onModuleDestroy();
    expect(adapters.every((adapter) => adapter.closed)).toBe(true);
  });
});
