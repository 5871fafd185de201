import { writeFileSync } from 'node:fs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { startOidcProvider } from '../../test/support/oidc-provider.js';
import { dashboardUnavailableReason, keyringUnavailableReason, startServeDashboard, type DashboardProcess } from './serve-dashboard.js';

const unavailable = dashboardUnavailableReason();
test.skip(unavailable !== undefined, unavailable ?? '');

let serve: DashboardProcess;

test.beforeEach(async () => {
  serve = await startServeDashboard();
});

// Playwright requires its fixtures argument to be destructured, even when none is used.
// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  const stderr = serve.stderr();
  // A failed test keeps what the toolkit said meanwhile (the browser's trace does not show it).
  if (testInfo.status !== testInfo.expectedStatus) writeFileSync(testInfo.outputPath('serve-stderr.txt'), stderr);
  expect(await serve.stop(), stderr).toBe(0);
  // The token is for the user's eyes (stdout) only.
  expect(stderr).not.toContain(new URL(serve.link).hash.slice('#token='.length));
});

/** Opens the printed link as the user would, and waits for the UI. */
async function openDashboard(page: Page): Promise<void> {
  await page.goto(serve.link);
  await expect(page.getByRole('heading', { name: 'Server', exact: true })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Server state' })).toHaveText('Running');
}

/** A full-page screenshot kept with the test's results (test-results/dashboard), never committed. */
async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(`${name}.png`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
}

async function status(url: string, headers: Record<string, string> = {}): Promise<number> {
  try {
    return (await fetch(url, { headers })).status;
  } catch {
    return 0; // connection refused
  }
}

test('the printed link opens the UI, leaves no token behind, and starts and stops the server', async ({ page, browser }, testInfo) => {
  await openDashboard(page);
  await expect(page).not.toHaveURL(/token=/);
  await expect(page.getByText(`${serve.serverUrl}/mcp`, { exact: true })).toBeVisible();
  await expect(page.getByText('browser dashboard')).toBeVisible();
  expect(await status(`${serve.serverUrl}/health`)).toBe(200);

  await page.getByRole('button', { name: 'Stop server' }).click();
  await expect(page.getByRole('status', { name: 'Server state' })).toHaveText('Stopped');
  expect(await status(`${serve.serverUrl}/health`)).toBe(0);

  await page.getByRole('button', { name: 'Start server' }).click();
  await expect(page.getByRole('status', { name: 'Server state' })).toHaveText('Running');
  expect(await status(`${serve.serverUrl}/health`)).toBe(200);
  await saveScreenshot(page, testInfo, 'server-running');

  // A reload keeps the session (cookie); a browser without it is told to use the link.
  await page.reload();
  await expect(page.getByRole('status', { name: 'Server state' })).toHaveText('Running');
  const stranger = await browser.newPage();
  await stranger.goto(serve.origin);
  await expect(stranger.getByRole('heading', { level: 1 })).toHaveText('Open the dashboard with its link');
  await expect(stranger.getByRole('alert')).toContainText('the link that mcp-toolkit serve --dashboard printed');
  const dashboardPort = new URL(serve.origin).port;
  await expect(stranger.getByText(`ssh -L ${dashboardPort}:127.0.0.1:${dashboardPort} you@server`)).toBeVisible();
  await stranger.close();

  // When the process goes away, the page says its live updates stopped.
  expect(await serve.stop()).toBe(0);
  await expect(page.getByRole('status').filter({ hasText: 'Live updates from mcp-toolkit are interrupted' })).toBeVisible({ timeout: 10_000 });
});

test('a port set by --port cannot be edited; an invalid value is rejected at the field and nothing is saved', async ({ page }, testInfo) => {
  await openDashboard(page);
  const port = page.getByRole('textbox', { name: 'Port' });
  const before = await port.inputValue();
  await expect(port).toBeDisabled();
  await expect(page.locator('#server-port-hint')).toHaveText('Set by --port; change it there.');

  const burst = page.getByRole('textbox', { name: 'Burst' });
  await burst.fill('0');
  await page.getByRole('button', { name: 'Save rate limit' }).click();
  await expect(burst).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#rate-burst-error')).toHaveText('Enter a whole number of at least 1.');

  // A value only the backend can judge comes back as a field error too.
  await page.getByRole('textbox', { name: 'Host' }).fill('not a host');
  await page.getByRole('button', { name: 'Save server settings' }).click();
  await expect(page.getByRole('textbox', { name: 'Host' })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#server-host-error')).toBeVisible();
  await saveScreenshot(page, testInfo, 'invalid-settings');

  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Port' })).toHaveValue(before);
  await expect(page.getByRole('textbox', { name: 'Host' })).toHaveValue('127.0.0.1');
  expect(await status(`${serve.serverUrl}/health`)).toBe(200);
});

test('switching to api_key: the key is copied in the browser, and a wrong key shows as a 401 within a second', async ({ page, context }, testInfo) => {
  const noKeyring = keyringUnavailableReason();
  test.skip(noKeyring !== undefined, noKeyring ?? '');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serve.origin });
  await openDashboard(page);

  await page.getByRole('radio', { name: 'API key' }).check();
  await page.getByRole('button', { name: 'Save authentication' }).click();
  await expect(page.getByRole('group', { name: 'API key' })).toBeVisible();
  await expect(page.getByText('api_key', { exact: true })).toBeVisible();
  // The running server created the key on the switch: the panel shows it (masked) at once, not "No key yet".
  await expect(page.getByRole('status', { name: 'API key' })).toHaveText(/^•{8}.{4}$/);

  await page.getByRole('button', { name: 'Copy API key' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  const key = await page.evaluate<string>('navigator.clipboard.readText()');
  expect(key.length).toBeGreaterThanOrEqual(32);
  // Copying does not show the key; Reveal does, and it is the same one.
  await expect(page.getByRole('status', { name: 'API key' })).not.toHaveText(key);
  await page.getByRole('button', { name: 'Reveal key' }).click();
  await expect(page.getByRole('status', { name: 'API key' })).toHaveText(key);
  await page.getByRole('button', { name: 'Hide key' }).click();

  expect(await status(`${serve.serverUrl}/tools`, { 'X-API-Key': key })).toBe(200);
  const unauthorized = page.getByLabel('401 Unauthorized count');
  await expect(unauthorized).toHaveText('0');
  const sentAt = Date.now();
  expect(await status(`${serve.serverUrl}/tools`, { 'X-API-Key': 'not-the-key' })).toBe(401);
  await expect(unauthorized).toHaveText('1', { timeout: 1_000 });
  testInfo.annotations.push({ type: '401 shown after', description: `${Date.now() - sentAt} ms` });
  await expect(page.getByRole('table', { name: 'Recent rejections' }).getByRole('row').nth(1)).toContainText('/tools');
  await saveScreenshot(page, testInfo, 'api-key-and-401');
});

test('lowering the rate limit makes 429s appear in the activity', async ({ page }, testInfo) => {
  await openDashboard(page);
  await page.getByRole('textbox', { name: 'Requests per second' }).fill('1');
  await page.getByRole('textbox', { name: 'Burst' }).fill('1');
  await page.getByRole('button', { name: 'Save rate limit' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Server state' })).toHaveText('Running');

  const statuses: number[] = [];
  for (let attempt = 0; attempt < 6; attempt += 1) statuses.push(await status(`${serve.serverUrl}/tools`));
  const limited = statuses.filter((code) => code === 429).length;
  expect(limited).toBeGreaterThanOrEqual(4);
  await expect(page.getByLabel('429 Rate limited count')).toHaveText(String(limited), { timeout: 1_000 });
  // The refusal code in plain words, the code itself in the tooltip.
  await expect(page.getByLabel('429 Rate limited reasons').getByTitle('RATE_LIMITED')).toHaveText('Too many requests (rate limit)');
  await expect(page.getByRole('table', { name: 'Recent rejections' })).toContainText('429');
  // Every call is in the call log, the refused ones and the others; the status filter narrows it.
  const calls = page.getByRole('table', { name: 'Calls' });
  await expect(calls.getByRole('row').filter({ hasText: 'GET /tools' })).toHaveCount(statuses.length);
  await page.getByRole('combobox', { name: 'Status' }).selectOption('429');
  await expect(calls.getByRole('row').filter({ hasText: 'GET /tools' })).toHaveCount(limited);
  await expect(page.getByText(`${limited} of `)).toBeVisible();
  await saveScreenshot(page, testInfo, 'rate-limited');
});

test('signing in through the real identity provider shows the subject', async ({ page, context }, testInfo) => {
  const noKeyring = keyringUnavailableReason();
  test.skip(noKeyring !== undefined, noKeyring ?? '');
  const provider = await startOidcProvider();
  try {
    await openDashboard(page);
    await page.getByRole('radio', { name: 'OAuth' }).check();
    await page.getByRole('textbox', { name: 'Issuer' }).fill(provider.issuer);
    await page.getByRole('textbox', { name: 'Audience' }).fill(provider.audience);
    await page.getByRole('textbox', { name: 'Client ID' }).fill(provider.clientId);
    await page.getByRole('textbox', { name: 'Redirect URI' }).fill('http://127.0.0.1:0/callback');
    await page.getByRole('button', { name: 'Save authentication' }).click();
    await expect(page.getByText('oauth', { exact: true })).toBeVisible();
    await expect(page.getByRole('status', { name: 'Server state' })).toHaveText('Running');

    await page.getByRole('button', { name: 'Sign in…' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Finish signing in in your browser.' })).toBeVisible({ timeout: 15_000 });

    // The "system browser" tab: the provider's own login and consent pages.
    const signInTab = await context.newPage();
    await signInTab.goto(await serve.waitForOpenedUrl());
    await signInTab.locator('input[name=login]').fill('erin');
    await signInTab.locator('input[name=password]').fill('any-password');
    await signInTab.locator('button[type=submit]').click();
    await signInTab.locator('input[name=prompt][value=consent]').waitFor({ state: 'attached' });
    await signInTab.locator('button[type=submit]').click();
    await signInTab.waitForURL((url) => url.hostname === '127.0.0.1' && url.pathname === '/callback');
    await signInTab.close();

    const session = page.getByLabel('Signed-in session').getByRole('definition').filter({ hasText: 'erin' });
    await expect(session).toBeVisible();
    await expect(page.getByLabel('Signed-in session')).toContainText(provider.issuer);
    await saveScreenshot(page, testInfo, 'signed-in');

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Sign in…', exact: true })).toBeVisible();
  } finally {
    await provider.stop();
  }
});
