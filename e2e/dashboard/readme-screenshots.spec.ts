/**
 * The README's pictures of the window (docs/screenshots/*.png), taken from the
 * real dashboard at a fixed size. Run on purpose with `bash scripts/screenshots.sh`;
 * skipped otherwise, so ordinary test runs never rewrite committed files.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { dashboardUnavailableReason, keyringUnavailableReason, REPO_ROOT, startServeDashboard } from './serve-dashboard.js';

const OUTPUT = join(REPO_ROOT, 'docs', 'screenshots');
const VIEWPORT = { width: 1100, height: 760 };

const reason =
  process.env.MCP_TOOLKIT_SCREENSHOTS !== '1'
    ? 'README screenshots are made on purpose: bash scripts/screenshots.sh'
    : (dashboardUnavailableReason() ?? keyringUnavailableReason());
test.skip(reason !== undefined, reason ?? '');
test.use({ viewport: VIEWPORT, colorScheme: 'light', deviceScaleFactor: 1 });

/** 8000 (the default, as users see it) when free. */
async function readablePort(): Promise<number | undefined> {
  const probe = createServer();
  const free = await new Promise<boolean>((done) => {
    probe.once('error', () => done(false));
    probe.listen(8000, '127.0.0.1', () => done(true));
  });
  if (free) await new Promise((done) => probe.close(done));
  return free ? 8000 : undefined;
}

test('window screenshots for the README', async ({ page }) => {
  mkdirSync(OUTPUT, { recursive: true });
  const serve = await startServeDashboard({ port: await readablePort() });
  try {
    await page.goto(serve.link);
    await expect(page.getByRole('status', { name: 'Server state' })).toHaveText('Running');
    await page.getByRole('radio', { name: 'API key' }).check();
    await page.getByRole('button', { name: 'Save authentication' }).click();
    await expect(page.getByRole('group', { name: 'API key' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Requests per second' }).fill('2');
    await page.getByRole('textbox', { name: 'Burst' }).fill('3');
    await page.getByRole('button', { name: 'Save rate limit' }).click();
    await expect(page.getByRole('status', { name: 'Server state' })).toHaveText('Running');

    // Some traffic worth showing: a missing key, wrong keys, then a burst over the limit.
    await page.getByRole('button', { name: 'Reveal key' }).click();
    const key = (await page.getByRole('status', { name: 'API key' }).textContent()) ?? '';
    await page.getByRole('button', { name: 'Hide key' }).click();
    await fetch(`${serve.serverUrl}/tools`);
    for (const wrong of ['old-key', 'typo-key']) await fetch(`${serve.serverUrl}/tools`, { headers: { 'X-API-Key': wrong } });
    for (let i = 0; i < 8; i += 1) await fetch(`${serve.serverUrl}/tools`, { headers: { 'X-API-Key': key } });
    await expect(page.getByLabel('401 Unauthorized count')).toHaveText('3');
    await expect(page.getByLabel('429 Rate limited count')).not.toHaveText('0');

    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(OUTPUT, 'server.png') });
    await page.locator('#activity').screenshot({ path: join(OUTPUT, 'activity.png') });
    await page.locator('#connect').evaluate((section) => section.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(OUTPUT, 'connect.png') });
  } finally {
    await serve.stop();
  }
});
