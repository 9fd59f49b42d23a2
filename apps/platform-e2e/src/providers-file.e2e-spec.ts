import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startAppProcess, startMockOpenAiUpstream, TEST_DATABASE_URL, TEST_REDIS_URL, type AppProcess, type MockUpstream } from '@llmgw/testing';

const API_KEY = 'sk-llmgw-providers-file-e2e-0123456789';

describe('the providers file (LLM_GATEWAY_CONFIG)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'llmgw-providers-'));
  let upstream: MockUpstream;
  let gateway: AppProcess | undefined;
  const env = (configPath: string) => ({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `e2e-file-${process.pid}`,
    GATEWAY_HOST: '127.0.0.1',
    GATEWAY_PORT: '0',
    API_KEY_HASH_SECRET: 'e2e-api-key-hash-secret-0123456789',
    BOOTSTRAP_API_KEY: API_KEY,
    OPENAI_API_KEY: 'sk-upstream',
    OPENAI_BASE_URL: upstream.baseUrl,
    LLM_GATEWAY_CONFIG: configPath,
  });

  beforeAll(async () => {
    execFileSync(process.execPath, [path.resolve(__dirname, '../../../dist/tools/migrate.js')], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: TEST_DATABASE_URL },
    });
    upstream = await startMockOpenAiUpstream();
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds a model from a YAML file, routed to its upstream name', async () => {
    const file = path.join(dir, 'llm_gateway_config.yaml');
    writeFileSync(
      file,
      ['providers:', '  openai:', '    timeout_ms: 20000', '    models:', '      - id: house-model', '        upstream_model: gpt-4o-mini-2024-07-18', '        context_window: 128000', '        input_cost_per_1k: "0.00015"', '        output_cost_per_1k: "0.0006"', '        capabilities: [streaming, tools]', ''].join('\n'),
    );
    gateway = await startAppProcess('dist/apps/gateway/src/main.js', env(file));
    const models = (await (await fetch(`${gateway.url}/v1/models`, { headers: { authorization: `Bearer ${API_KEY}` } })).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((model) => model.id)).toContain('house-model');

    const answer = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'house-model', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(answer.status).toBe(200);
    expect((upstream.requests.at(-1)!.body as { model: string }).model).toBe('gpt-4o-mini-2024-07-18');
  });

  it('refuses to boot on a bad file, naming the field', async () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ providers: { openai: { models: [{ id: 'x', context_window: 'wide' }] } } }));
    await expect(startAppProcess('dist/apps/gateway/src/main.js', env(file), undefined, 15_000)).rejects.toThrow(/providers\.openai\.models\[0\]\.context_window/);
  });
});
