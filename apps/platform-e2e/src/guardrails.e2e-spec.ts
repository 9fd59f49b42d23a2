import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { adminClient, type AdminClient } from './admin-client';
import { startPlatform, type Platform } from './platform.fixture';

const EMAIL = 'jane.doe@example.com';
const CARD = '4111 1111 1111 1111';
const GITHUB_TOKEN = `ghp_${'A1b2C3d4E5'.repeat(3)}Z9y8X7`;

// Issue 7 through the built gateway: what the upstream sees, what the caller gets back, what
// is metered and what the gateway's own log says.
describe('guardrails on the request path', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'llmgw-guardrails-'));
  let platform: Platform;
  let admin: AdminClient;

  beforeAll(async () => {
    // The gateway logs the providers file's path at boot: a path with an address in it shows the
    // logger's masker at work (nothing on the request path logs caller data in the first place).
    mkdirSync(path.join(dir, EMAIL));
    const config = path.join(dir, EMAIL, 'llm_gateway_config.json');
    writeFileSync(config, JSON.stringify({ routing: {} }));
    // Debug logging, so that any line that could carry a prompt or an upstream message is written.
    platform = await startPlatform({ LOG_LEVEL: 'debug', SQL_INJECTION_DETECTION: 'true', MAX_RETRIES: '0', CIRCUIT_BREAKER_FAILURE_THRESHOLD: '100', LLM_GATEWAY_CONFIG: config });
    admin = await adminClient(platform);
  });

  afterEach(() => platform.upstream.setBehaviour({ status: 200, reply: 'Hello from the mock upstream.', error: null, streamChunks: 4, writeBytes: null }));

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = (key: string, body: Record<string, unknown>) =>
    fetch(`${platform.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-request-id': randomUUID() },
      body: JSON.stringify({ model: 'gpt-4o-mini', ...body }),
    });
  const say = (content: string) => ({ messages: [{ role: 'user', content: `${content} (${randomUUID()})` }] });
  const lastUpstreamBody = () => JSON.stringify(platform.upstream.requests.at(-1)!.body);

  it('sends PII to the upstream redacted, and records the action on the usage row', async () => {
    const response = await ask(platform.apiKey, say(`Write to ${EMAIL} about card ${CARD}`));
    expect(response.status).toBe(200);
    const sent = lastUpstreamBody();
    expect(sent).not.toContain(EMAIL);
    expect(sent).not.toContain(CARD);
    expect(sent).toContain('[EMAIL_1]');
    expect(sent).toContain('[CARD_1]');
    const row = await platform.usageRow(response.headers.get('x-request-id')!);
    expect(row.guardrail_actions).toEqual(expect.arrayContaining(['pii.email:redact', 'pii.card:redact']));
  });

  it("restores the originals in the answer for a key whose policy masks (the caller's own data)", async () => {
    const key = await admin.createKey({ guardrail_policy: { pii: { mode: 'mask' } } });
    // The upstream only ever saw the placeholder, and answers with it.
    platform.upstream.setBehaviour({ reply: 'I will write to [EMAIL_1] today.' });
    const response = await ask(key.key, say(`Please email ${EMAIL}`));
    expect(response.status).toBe(200);
    expect(lastUpstreamBody()).not.toContain(EMAIL);
    const answer = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    expect(answer.choices[0]!.message.content).toBe(`I will write to ${EMAIL} today.`);
    expect((await platform.usageRow(response.headers.get('x-request-id')!)).guardrail_actions).toContain('pii.email:mask');
  });

  it('refuses a secret with 400 guardrail_blocked naming the rule, never the secret, and never calls the upstream', async () => {
    const key = await admin.createKey({ guardrail_policy: { secrets: { mode: 'block' } } });
    const calls = platform.upstream.requests.length;
    const response = await ask(key.key, say(`my token is ${GITHUB_TOKEN}, deploy with it`));
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toContain(GITHUB_TOKEN);
    expect(JSON.parse(text)).toEqual({
      error: { type: 'guardrail_blocked', code: 'secret.github_token', param: null, message: expect.stringContaining('secret.github_token') },
    });
    expect(platform.upstream.requests.length).toBe(calls);
    const row = await platform.usageRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({ status: 'error', error_type: 'guardrail_blocked', cost_nano_usd: '0' });
    expect(row.guardrail_actions).toContain('secret.github_token:block');
  });

  it('redacts a card number that the upstream streams split across chunks and writes', async () => {
    // 7-byte writes and 12 content chunks: the digits arrive in several pieces.
    platform.upstream.setBehaviour({ reply: `Your card ${CARD} is on file.`, streamChunks: 12, writeBytes: 7 });
    const response = await ask(platform.apiKey, { ...say('What card do I have on file?'), stream: true });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('data: [DONE]');
    const content = text
      .split('\n\n')
      .filter((event) => event.startsWith('data: {'))
      .map((event) => (JSON.parse(event.slice(6)) as { choices: Array<{ delta: { content?: string | null } }> }).choices[0]?.delta.content ?? '')
      .join('');
    expect(content).toBe('Your card [CARD_1] is on file.');
    expect(text.replace(/\D/g, '')).not.toContain('4111111111111111');
    expect((await platform.usageRow(response.headers.get('x-request-id')!)).guardrail_actions).toContain('pii.card:redact');
  });

  it('reports SQL findings of the answer in a header and on the usage row (SQL_INJECTION_DETECTION=true)', async () => {
    platform.upstream.setBehaviour({ reply: "Run this: SELECT * FROM users WHERE name = '' OR '1'='1'; DROP TABLE users;" });
    const response = await ask(platform.apiKey, say('Give me a query to list users'));
    expect(response.status).toBe(200);
    const header = response.headers.get('x-llmgw-guardrail-sql');
    expect(header).toBeTruthy();
    const actions = (await platform.usageRow(response.headers.get('x-request-id')!)).guardrail_actions;
    const sqlActions = actions.filter((action) => action.startsWith('sql.'));
    expect(sqlActions.length).toBeGreaterThan(0);
    for (const action of sqlActions) expect(header).toContain(action.slice(4, action.indexOf(':')));
  });

  // Last: reads everything the gateway logged while the suite ran.
  it("never writes raw PII or secrets to the gateway's log", async () => {
    // Places a careless log line could pick them up: an upstream error echoing the prompt, a
    // model name, a malformed body, an unknown route.
    platform.upstream.setBehaviour({ status: 400, error: { message: `Invalid prompt for ${EMAIL} with ${GITHUB_TOKEN}` } });
    expect((await ask(platform.apiKey, say(`hello ${EMAIL}`))).status).toBeGreaterThanOrEqual(400);
    platform.upstream.setBehaviour({ status: 200, error: null });
    expect((await ask(platform.apiKey, { model: EMAIL, ...say('hi') })).status).toBeGreaterThanOrEqual(400);
    const malformed = await fetch(`${platform.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json' },
      body: `{"model": "gpt-4o-mini", "messages": ${EMAIL} ${GITHUB_TOKEN}`,
    });
    expect(malformed.status).toBe(400);
    await fetch(`${platform.gateway.url}/v1/${EMAIL}?token=${GITHUB_TOKEN}`);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the last lines flush

    const log = platform.gateway.output();
    expect(log).toContain('request completed'); // the log is really there
    expect(log).toMatch(/watching \S*\[EMAIL\]/); // and masked
    for (const secret of [EMAIL, CARD, GITHUB_TOKEN, CARD.replace(/ /g, '')]) expect(log).not.toContain(secret);
  });
});
