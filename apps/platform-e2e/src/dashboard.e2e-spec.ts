import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { eventually } from '@llmgw/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startPlatform, type Platform } from './platform.fixture';

// Debian's Chromium, driven by playwright-core (no browser download). Screenshots land in tmp/.
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.resolve(__dirname, '../../../tmp/screenshots');

describe('the admin dashboard in headless Chromium', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [platform, browser] = await Promise.all([startPlatform(), chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })]);
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    // Script errors and CSP violations (reported on the console) fail the test.
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  /** Waits for a section to finish loading its data. */
  const settled = (view: string) => page.waitForSelector(`#view[data-view="${view}"][aria-busy="false"]`, { timeout: 15_000 });
  const tileValue = async (id: string) => (await page.locator(`#${id} .tile-value`).innerText()).trim();

  it('signs in, creates a key, and shows the spend of a request made with it', async () => {
    const response = await page.goto(`${platform.admin.url}/dashboard`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector('#login-form', { state: 'visible' });
    await shot('01-sign-in');

    await page.fill('#login-form input[name=email]', platform.adminEmail);
    await page.fill('#login-form input[name=password]', 'not the password');
    await page.click('#login-form button[type=submit]');
    await page.locator('#login-error', { hasText: 'Wrong email or password' }).waitFor({ timeout: 10_000 });
    // The refused login is the one failed request Chromium reports; nothing else may fail from here on.
    expect(problems).toEqual([expect.stringContaining('401')]);
    problems.length = 0;
    await page.fill('#login-form input[name=password]', platform.adminPassword);
    await page.click('#login-form button[type=submit]');
    await settled('overview');
    expect(await page.locator('#who').innerText()).toContain('admin');

    await page.click('#nav a[data-view=keys]');
    await settled('keys');
    const name = `dashboard e2e ${randomUUID().slice(0, 8)}`;
    await page.fill('#create-key-form input[name=name]', name);
    await page.fill('#create-key-form input[name=rpm_limit]', '120');
    await page.click('#create-key-form button[type=submit]');
    const secret = (await page.locator('#new-secret-value').innerText({ timeout: 15_000 })).trim();
    expect(secret).toMatch(/^sk-llmgw-/);
    expect(await page.locator('table').innerText()).toContain(name);
    await shot('02-key-created');

    const requestId = randomUUID();
    const answer = await fetch(`${platform.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ model: 'mock-1', messages: [{ role: 'user', content: 'hello from the dashboard test' }] }),
    });
    expect(answer.status).toBe(200);
    const row = await platform.usageRow(requestId);
    expect(BigInt(row.cost_nano_usd)).toBeGreaterThan(0n);

    // The overview narrowed to the new key: exactly this request, and its cost, in tiles and charts.
    await page.click('#nav a[data-view=overview]');
    await settled('overview');
    await page.selectOption('#spend-scope', { label: `key ${name}` });
    await eventually('the request shows on the dashboard', async () => {
      await page.click('#refresh');
      await settled('overview');
      if ((await tileValue('requests-total')) === '1') return true;
      await page.waitForTimeout(300);
      return false;
    }, 20_000);
    const requestPoints = await page.locator('#chart-requests circle title').allTextContents();
    expect(requestPoints.some((text) => /requests: 1$/.test(text))).toBe(true);
    const modelBars = await page.locator('#chart-model rect title').allTextContents();
    expect(modelBars.some((text) => text.includes('mock-1'))).toBe(true);
    expect(await page.locator('#chart-model .legend').innerText()).toContain('mock-1');
    await shot('03-spend-for-the-key');

    await page.selectOption('#spend-scope', { value: '' });
    await settled('overview');
    await shot('04-spend-all');

    // Budget burn for the key, made in the UI; then the cache, health and audit sections.
    await page.click('#nav a[data-view=budgets]');
    await settled('budgets');
    await page.selectOption('#create-budget-form select[name=subject]', { label: `key ${name}` });
    await page.fill('#create-budget-form input[name=limit_usd]', '0.0001');
    await page.selectOption('#create-budget-form select[name=period]', 'daily');
    await page.click('#create-budget-form button[type=submit]');
    await page.waitForSelector(`#budget-burn .burn-row:has-text("key ${name}")`, { timeout: 15_000 });
    await shot('05-budgets');

    for (const view of ['cache', 'health', 'audit']) {
      await page.click(`#nav a[data-view=${view}]`);
      await settled(view);
      await shot(`06-${view}`);
    }
    expect(await page.locator('#view').innerText()).toContain('budget.create');
    expect(await page.locator('#view').innerText()).toContain('api_key.create');

    await page.click('#sign-out');
    await page.waitForSelector('#login-form', { state: 'visible' });
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);
});
