import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { dashboardUnavailableReason, keyringUnavailableReason, startServeDashboard, type DashboardProcess } from './serve-dashboard.js';
import { SECTIONS, tabTo, unreachableByTab } from './keyboard.js';

const unavailable = dashboardUnavailableReason();
test.skip(unavailable !== undefined, unavailable ?? '');

let serve: DashboardProcess;

test.beforeEach(async () => {
  serve = await startServeDashboard();
});

test.afterEach(async () => {
  expect(await serve.stop(), serve.stderr()).toBe(0);
});

/** Opens the dashboard and makes one call, so Activity shows its counters, chart and a call-log row. */
async function openDashboard(page: Page): Promise<void> {
  await page.goto(serve.link);
  await expect(page.getByRole('status', { name: 'Server state' })).toHaveText('Running');
  expect((await fetch(`${serve.serverUrl}/tools`)).status).toBe(200);
  await expect(page.getByRole('table', { name: 'Calls' }).getByRole('row').filter({ hasText: 'GET /tools' })).toHaveCount(1);
}

/** The serious and critical axe violations inside one section, one readable line per element. */
async function seriousViolations(page: Page, id: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(`#${id}`).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.impact} ${violation.id}: ${node.target.join(' ')}: ${node.failureSummary ?? violation.help}`));
}

async function expectNoSeriousViolationInAnySection(page: Page): Promise<void> {
  for (const [id, title] of SECTIONS) {
    await expect(page.locator(`#${id}`), title).toBeVisible();
    expect.soft(await seriousViolations(page, id), `axe on ${title}`).toEqual([]);
  }
}

test('axe finds no serious or critical violation in any section', async ({ page }) => {
  await openDashboard(page);
  await expectNoSeriousViolationInAnySection(page);
  // Checks with their results.
  await page.getByRole('button', { name: 'Run checks' }).click();
  await expect(page.getByRole('list', { name: 'Check results' })).toBeVisible();
  await expectNoSeriousViolationInAnySection(page);
});

test('axe finds no serious or critical violation with an API key and a refusal shown', async ({ page }) => {
  const noKeyring = keyringUnavailableReason();
  test.skip(noKeyring !== undefined, noKeyring ?? '');
  await openDashboard(page);
  await page.getByRole('radio', { name: 'API key' }).check();
  await page.getByRole('button', { name: 'Save authentication' }).click();
  await expect(page.getByRole('status', { name: 'API key' })).toHaveText(/^•{8}.{4}$/);
  expect((await fetch(`${serve.serverUrl}/tools`, { headers: { 'X-API-Key': 'not-the-key' } })).status).toBe(401);
  await expect(page.getByLabel('401 Unauthorized count')).toHaveText('1');
  await expectNoSeriousViolationInAnySection(page);
});

test('every control of every section is reachable with Tab', async ({ page }) => {
  await openDashboard(page);
  await page.getByRole('button', { name: 'Run checks' }).click();
  await expect(page.getByRole('list', { name: 'Check results' })).toBeVisible();
  expect(await unreachableByTab(page)).toEqual([]);
});

test('a control in each section works from the keyboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serve.origin });
  await openDashboard(page);
  const serverState = page.getByRole('status', { name: 'Server state' });

  // Server: Enter stops it, Space starts it again.
  await tabTo(page, page.getByRole('button', { name: 'Stop server' }));
  await page.keyboard.press('Enter');
  await expect(serverState).toHaveText('Stopped');
  await tabTo(page, page.getByRole('button', { name: 'Start server' }));
  await page.keyboard.press('Space');
  await expect(serverState).toHaveText('Running');

  // Servers: the arrow keys choose the kind of server.
  const servers = page.locator('#servers');
  await tabTo(page, servers.getByRole('radio').first());
  await page.keyboard.press('ArrowDown');
  await expect(servers.getByRole('radio').nth(1)).toBeChecked();

  // Shared folders: type a path, Enter adds it.
  const folders = page.locator('#shared-folders');
  const folder = mkdtempSync(join(tmpdir(), 'mcp-toolkit-a11y-folder-'));
  try {
    await tabTo(page, folders.getByRole('textbox'));
    await page.keyboard.type(folder);
    await page.keyboard.press('Enter');
    await expect(folders.getByRole('listitem').filter({ hasText: folder })).toBeVisible();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  // Authentication: the arrow keys move between the modes.
  const auth = page.locator('#auth');
  await tabTo(page, auth.getByRole('radio', { checked: true }));
  const before = await auth.getByRole('radio', { checked: true }).getAttribute('value');
  await page.keyboard.press('ArrowDown');
  await expect(auth.getByRole('radio', { checked: true })).not.toHaveAttribute('value', before ?? '');

  // Rate limit: edit a field, Enter saves.
  await tabTo(page, page.getByRole('textbox', { name: 'Requests per second' }));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('50');
  await page.keyboard.press('Enter');
  await expect(page.locator('#rate-limit').getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  // Activity: the arrow keys change the time range.
  const activity = page.locator('#activity');
  const range = activity.getByRole('radio', { checked: true });
  const rangeBefore = await range.getAttribute('value');
  await tabTo(page, range);
  await page.keyboard.press('ArrowRight');
  await expect(activity.getByRole('radio', { checked: true })).not.toHaveAttribute('value', rangeBefore ?? '');

  // Connect an agent: Enter copies a snippet.
  const copy = page.locator('#connect').getByRole('button', { name: /^Copy / }).first();
  await tabTo(page, copy);
  await page.keyboard.press('Enter');
  await expect(copy).toHaveText('Copied');
  expect(await page.evaluate<string>('navigator.clipboard.readText()')).toContain(serve.serverUrl);

  // Sign in: Enter starts it (and, without an issuer, says why it cannot).
  await tabTo(page, page.getByRole('button', { name: 'Sign in…' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('#sign-in').getByRole('alert')).toBeVisible();

  // Logins: Enter on the toolkit's row starts the same sign-in (and says why it cannot).
  const logins = page.locator('#logins');
  await tabTo(page, logins.getByRole('button', { name: 'Sign in to toolkit', exact: true }));
  await page.keyboard.press('Enter');
  await expect(logins.getByRole('alert')).toContainText('Sign-in needs an issuer and a client id.');

  // Checks: Enter runs them.
  await tabTo(page, page.getByRole('button', { name: 'Run checks' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Check results' })).toBeVisible();
});
