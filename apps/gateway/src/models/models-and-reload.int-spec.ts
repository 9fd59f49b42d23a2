import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RedisControlChannel } from '@llmgw/control-bus';
import { migrateDatabase } from '@llmgw/database';
import { PROVIDERS_FILE_RELOAD_CHANNEL, ProvidersConfigReloader } from '@llmgw/providers';
import { eventually, openAiSchemaErrors, TEST_DATABASE_URL, TEST_REDIS_URL } from '@llmgw/testing';
import { bootstrapGateway, type RunningGateway } from '../main';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const fileWith = (chainHead: string, miniPrice: string) =>
  [
    'providers:',
    '  mock:',
    '    models:',
    '      - id: mock-fast',
    `        cost_per_1k: "\${MOCK_FAST_PRICE:-${miniPrice}}"`,
    'routing:',
    '  chains:',
    `    best: [${chainHead}, mock-1]`,
    '',
  ].join('\n');

describe('gateway: model registry queries and providers file reloads (real Postgres and Redis)', () => {
  let dir: string;
  let file: string;
  let gateway: RunningGateway;
  const apiKey = `sk-llmgw-int${randomBytes(16).toString('hex')}`;
  const write = (text: string) => {
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file); // atomic, as editors and ConfigMaps do
  };
  const get = async (route: string) => {
    const response = await fetch(`${gateway.url}${route}`, { headers: { authorization: `Bearer ${apiKey}` } });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const chat = async (model: string) => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: `hello ${randomUUID()}` }] }), // unique: never a cache hit
    });
    return { status: response.status, body: (await response.json()) as Json };
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'llmgw-gw-file-'));
    file = path.join(dir, 'llm_gateway_config.yaml');
    write(fileWith('mock-fast', '0.002'));
    await migrateDatabase(TEST_DATABASE_URL);
    gateway = await bootstrapGateway(
      {
        NODE_ENV: 'test',
        LOG_LEVEL: 'error',
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_POOL_SIZE: '2',
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: `int-${randomUUID()}`,
        API_KEY_HASH_SECRET: 'gateway-int-hash-secret-0123456789',
        GATEWAY_HOST: '127.0.0.1',
        GATEWAY_PORT: '0',
        BOOTSTRAP_API_KEY: apiKey,
        LLM_GATEWAY_CONFIG: file,
        PROVIDERS_FILE_POLL_INTERVAL_MS: '100',
        HEALTH_CHECK_INTERVAL_SECONDS: '0',
      },
      { distributed: true, ownsProcess: false },
    );
  });

  afterAll(async () => {
    await gateway?.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('filters the model list by capability and blended price, still a valid OpenAI ListModelsResponse', async () => {
    const plain = await get('/v1/models');
    expect(plain.status).toBe(200);
    expect(openAiSchemaErrors('ListModelsResponse', plain.body)).toEqual([]);

    const streaming = await get('/v1/models?capability=streaming&max_cost_per_1k=0.01');
    expect(streaming.status).toBe(200);
    expect(openAiSchemaErrors('ListModelsResponse', streaming.body)).toEqual([]);
    expect(streaming.body.data.map((model: Json) => model.id)).toEqual(expect.arrayContaining(['mock-1', 'mock-fast']));
    for (const model of streaming.body.data) {
      expect(model.capabilities).toContain('streaming');
      expect(Number(model.pricing.blended_per_1k)).toBeLessThanOrEqual(0.01);
      expect(model.available).toBe(true);
    }
    expect((await get('/v1/models?capability=streaming&max_cost_per_1k=0.001')).body.data.map((model: Json) => model.id)).not.toContain('mock-fast');

    const bad = await get('/v1/models?capability=poetry');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ type: 'invalid_request_error', param: 'capability' });
  });

  it('answers the cheapest and the fastest model for a capability', async () => {
    const cheapest = await get('/v1/models/cheapest?capability=streaming');
    expect(cheapest.status).toBe(200);
    expect(cheapest.body).toMatchObject({ object: 'model', provider: 'mock' });
    const fastest = await get('/v1/models/fastest?capability=streaming');
    expect(fastest.status).toBe(200);
    expect(fastest.body.object).toBe('model');
    expect((await get('/v1/models/cheapest?capability=vision&max_cost_per_1k=0')).status).toBe(404);
    expect((await fetch(`${gateway.url}/v1/models/cheapest`)).status).toBe(401);
  });

  it('a changed file reaches routing and prices without a restart; an invalid one is refused and the last good one kept', async () => {
    const first = await chat('chain:best');
    expect(first.status).toBe(200);
    expect(first.body.model).toBe('mock-fast');
    expect((await get('/v1/models?capability=streaming')).body.data.find((model: Json) => model.id === 'mock-fast').pricing.input_per_1k).toBe('0.002');

    write(fileWith('mock-1', '0.003'));
    await eventually('the new chain is used', async () => (await chat('chain:best')).body.model === 'mock-1', 5_000);
    expect((await get('/v1/models?capability=streaming')).body.data.find((model: Json) => model.id === 'mock-fast').pricing.input_per_1k).toBe('0.003');

    write('routing:\n  chains:\n    best: []\n'); // a chain needs a model: refused
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await chat('chain:best')).body.model).toBe('mock-1');
  });

  it('reloads when the admin API says so over the control channel', async () => {
    const reloader = gateway.app.get(ProvidersConfigReloader, { strict: false });
    const attempts: string[] = [];
    const stop = reloader.onReload((result) => attempts.push(result.status));
    write(fileWith('mock-fast', '0.005'));
    await eventually('the watcher applies the good file', () => attempts.includes('reloaded'), 5_000);
    attempts.length = 0;
    // The file does not change any more, so the watcher stays quiet: only the message can cause this attempt.
    const channel = new RedisControlChannel(TEST_REDIS_URL, PROVIDERS_FILE_RELOAD_CHANNEL);
    try {
      await channel.publish(JSON.stringify({ at: Date.now() }));
      await eventually('the gateway reloads', () => attempts.includes('unchanged'), 5_000);
    } finally {
      stop();
      await channel.close();
    }
  });
});
