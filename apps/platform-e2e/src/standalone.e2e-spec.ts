import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually, startAppProcess, type AppProcess } from '@llmgw/testing';

const ADMIN_PASSWORD = 'standalone-e2e-password';

/** `npm start` as a new user runs it: no DATABASE_URL, no REDIS_URL, only a data folder. */
function startStandalone(dataDir: string): Promise<AppProcess> {
  return startAppProcess(
    'dist/tools/standalone/main.js',
    { DATA_DIR: dataDir, GATEWAY_PORT: '0', ADMIN_PORT: '0', COST_TRACKER_PORT: '0', ADMIN_PASSWORD, LOG_LEVEL: 'warn' },
    /gateway\s+(http:\/\/\S+)\/v1/,
    60_000,
  );
}

function bannerValue(platform: AppProcess, label: RegExp): string {
  const match = label.exec(platform.output());
  if (!match?.[1]) throw new Error(`banner has no ${label}:\n${platform.output()}`);
  return match[1];
}

describe('standalone mode', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'llmgw-standalone-'));
  let platform: AppProcess | undefined;

  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const usageRequests = async (adminUrl: string): Promise<number> => {
    const login = await fetch(`${adminUrl}/admin/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@localhost.localdomain', password: ADMIN_PASSWORD }),
    });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const summary = await fetch(`${adminUrl}/admin/usage`, { headers: { authorization: `Bearer ${token}` } });
    return ((await summary.json()) as { requests: number }).requests;
  };

  it('boots with nothing configured, answers the printed curl line, and keeps its data across a restart', async () => {
    platform = await startStandalone(dataDir);
    const apiKey = bannerValue(platform, /API key\s+(sk-\S+)/);
    const adminUrl = bannerValue(platform, /admin API\s+(http:\/\/\S+)\/admin/);
    const chat = await fetch(`${platform.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock-1', messages: [{ role: 'user', content: 'Hello!' }] }),
    });
    expect(chat.status).toBe(200);
    await eventually('the request is in the usage summary', async () => (await usageRequests(adminUrl)) === 1);

    expect(await platform.stop()).toBe(0);
    platform = await startStandalone(dataDir);
    expect(bannerValue(platform, /API key\s+(sk-\S+)/)).toBe(apiKey);
    const restartedAdminUrl = bannerValue(platform, /admin API\s+(http:\/\/\S+)\/admin/);
    expect(await usageRequests(restartedAdminUrl)).toBe(1);
  });
});
