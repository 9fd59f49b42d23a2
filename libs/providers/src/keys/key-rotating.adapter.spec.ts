import type { ChatCompletionRequest } from '@llmgw/contracts';
import { type MockUpstream, startMockOpenAiUpstream } from '@llmgw/testing';
import { OpenAiAdapter } from '../openai/openai.adapter';
import { createProviderAdapters } from '../provider-adapters.factory';
import type { ProviderAdapter } from '../provider-adapter';
import { MODELS } from '../registry/models.data';
import { KeyRing } from './key-ring';
import { KeyRotatingAdapter } from './key-rotating.adapter';

const model = MODELS.find((entry) => entry.id === 'gpt-4o-mini')!;
const request: ChatCompletionRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] };
const ctx = () => ({ signal: new AbortController().signal, timeoutMs: 5_000, requestId: 'rotation-test' });
const OLD_KEY = 'sk-old-0123456789abcdefghijklmnopqrstuvwxyz';
const NEW_KEY = 'sk-new-0123456789abcdefghijklmnopqrstuvwxyz';

describe('KeyRotatingAdapter against OpenAI-speaking mock upstreams', () => {
  let revoked: MockUpstream; // answers 401 to everything: stands for the provider refusing OLD_KEY
  let healthy: MockUpstream;
  const adapters: ProviderAdapter[] = [];

  beforeAll(async () => {
    [revoked, healthy] = await Promise.all([startMockOpenAiUpstream({ behaviour: { status: 401 } }), startMockOpenAiUpstream()]);
  });
  afterAll(async () => {
    await Promise.all(adapters.splice(0).map((adapter) => adapter.close()));
    await Promise.all([revoked.close(), healthy.close()]);
  });

  const rotating = () => {
    const rejected: Array<{ provider: string; label: string; type: string }> = [];
    const ring = new KeyRing('openai', [OLD_KEY, NEW_KEY], { cooldownMs: 60_000 });
    const adapter = new KeyRotatingAdapter(
      [new OpenAiAdapter({ baseUrl: revoked.baseUrl, apiKey: OLD_KEY }), new OpenAiAdapter({ baseUrl: healthy.baseUrl, apiKey: NEW_KEY })],
      ring,
      (provider, label, error) => rejected.push({ provider, label, type: error.type }),
    );
    adapters.push(adapter);
    return { adapter, ring, rejected };
  };

  it('a rejected key costs no failed call: the same call goes on with the next key, and the key sits out', async () => {
    const { adapter, ring, rejected } = rotating();
    const first = await adapter.chat(request, model, ctx());
    expect(first.completion.choices[0]?.message.content).toBeTruthy();
    expect(rejected).toEqual([{ provider: 'openai', label: '#1 sk-old-012…', type: 'authentication_error' }]);
    expect(ring.snapshot().map((key) => key.inRotation)).toEqual([false, true]);

    const before = revoked.requests.length;
    await adapter.chat(request, model, ctx());
    await adapter.chat(request, model, ctx());
    expect(revoked.requests.length).toBe(before); // out of rotation: not tried again
    expect(JSON.stringify(ring.snapshot())).not.toContain(OLD_KEY);
  });

  it('a stream refused before its first chunk moves to the next key', async () => {
    const { adapter, rejected } = rotating();
    const stream = adapter.chatStream({ ...request, stream: true }, model, ctx());
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text.length).toBeGreaterThan(0);
    expect(stream.usage().total_tokens).toBeGreaterThan(0);
    expect(rejected).toHaveLength(1);
  });

  it('health checks rotate too, and fail only when every key is refused', async () => {
    const { adapter } = rotating();
    await expect(adapter.checkHealth!(new AbortController().signal)).resolves.toBeUndefined();
    const allRevoked = new KeyRotatingAdapter(
      [new OpenAiAdapter({ baseUrl: revoked.baseUrl, apiKey: OLD_KEY }), new OpenAiAdapter({ baseUrl: revoked.baseUrl, apiKey: NEW_KEY })],
      new KeyRing('openai', [OLD_KEY, NEW_KEY], { cooldownMs: 60_000 }),
    );
    adapters.push(allRevoked);
    await expect(allRevoked.chat(request, model, ctx())).rejects.toMatchObject({ type: 'authentication_error' });
  });

  it('errors that are not about the key are not retried with another key', async () => {
    const { adapter, ring } = rotating();
    ring.reject(0, 'test'); // only NEW_KEY in rotation
    healthy.setBehaviour({ status: 429 });
    try {
      await expect(adapter.chat(request, model, ctx())).rejects.toMatchObject({ type: 'rate_limit_error' });
      expect(ring.snapshot()[1]?.inRotation).toBe(true);
    } finally {
      healthy.setBehaviour({ status: 200 });
    }
  });

  it('the factory reads a comma list and sends each key in turn', async () => {
    const keyRings = new Map<string, KeyRing>();
    const built = createProviderAdapters({ OPENAI_API_KEY: `${OLD_KEY}, ${NEW_KEY}`, OPENAI_BASE_URL: healthy.baseUrl }, { keyRings });
    adapters.push(...built);
    const [openai] = built;
    const before = healthy.requests.length;
    await openai!.chat(request, model, ctx());
    await openai!.chat(request, model, ctx());
    const sent = healthy.requests.slice(before).map((recorded) => recorded.headers.authorization);
    expect(sent).toEqual([`Bearer ${OLD_KEY}`, `Bearer ${NEW_KEY}`]);
    expect(keyRings.get('openai')?.snapshot().map((key) => key.label)).toEqual(['#1 sk-old-012…', '#2 sk-new-012…']);
  });
});
