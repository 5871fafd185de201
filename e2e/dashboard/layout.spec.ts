import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SECTIONS } from './keyboard.js';
import { dashboardUnavailableReason, startServeDashboard, type DashboardProcess } from './serve-dashboard.js';

const unavailable = dashboardUnavailableReason();
test.skip(unavailable !== undefined, unavailable ?? '');

/** The smallest window the desktop app allows. */
const SMALLEST_WINDOW = { width: 760, height: 900 };

let serve: DashboardProcess;
let folder: string;

test.beforeEach(async () => {
  serve = await startServeDashboard();
  folder = mkdtempSync(join(tmpdir(), 'mcp-toolkit-layout-'));
});

test.afterEach(async () => {
  rmSync(folder, { recursive: true, force: true });
  expect(await serve.stop(), serve.stderr()).toBe(0);
});

test('at 760 px wide, with every section filled, the page does not scroll sideways', async ({ page }) => {
  await page.setViewportSize(SMALLEST_WINDOW);
  await page.goto(serve.link);
  await expect(page.getByRole('status', { name: 'Server state' })).toHaveText('Running');

  // Long content where it can be long: a deep shared folder, call-log rows with refusals and long paths, the checks.
  const deep = join(folder, 'a-folder-with-a-rather-long-name', 'and-another-level-that-is-also-long', 'and-a-third');
  mkdirSync(deep, { recursive: true });
  await page.getByRole('textbox', { name: 'Folder path' }).fill(deep);
  await page.getByRole('button', { name: 'Add folder' }).click();
  await expect(page.locator('#shared-folders').getByRole('listitem').filter({ hasText: deep })).toBeVisible();
  expect((await fetch(`${serve.serverUrl}/tools`)).status).toBe(200);
  expect((await fetch(`${serve.serverUrl}/tools`, { headers: { 'X-API-Key': 'x'.repeat(80) } })).status).toBe(200);
  await fetch(`${serve.serverUrl}/mcp/${'long-path-segment-'.repeat(8)}`);
  await expect(page.getByRole('table', { name: 'Calls' }).getByRole('row').filter({ hasText: 'GET /tools' })).toHaveCount(2);
  await page.getByRole('button', { name: 'Run checks' }).click();
  await expect(page.getByRole('list', { name: 'Check results' })).toBeVisible();

  for (const [id, title] of SECTIONS) await expect(page.locator(`#${id}`), title).toBeVisible();
  const whole = await page.locator('html').evaluate((root) => ({ scroll: root.scrollWidth, client: root.clientWidth }));
  expect(whole.client).toBeLessThanOrEqual(SMALLEST_WINDOW.width);
  expect(whole.scroll, 'the page scrolls sideways').toBeLessThanOrEqual(whole.client);
  // No section is wider than the column it sits in.
  const overflowing = await page.locator(SECTIONS.map(([id]) => `#${id}`).join(', ')).evaluateAll((sections) => sections.filter((section) => section.scrollWidth > section.clientWidth).map((section) => section.id));
  expect(overflowing).toEqual([]);
  // The call log keeps readable columns and scrolls sideways inside its own box instead.
  const callLog = page.getByRole('table', { name: 'Calls', exact: true });
  const widths = await callLog.getByRole('columnheader').evaluateAll((cells) => Object.fromEntries(cells.map((cell) => [cell.textContent, cell.getBoundingClientRect().width])));
  for (const column of ['Client', 'Method', 'Tool', 'Reason']) expect(widths[column], `the ${column} column, in px`).toBeGreaterThanOrEqual(80);
  await expect(callLog).toHaveCSS('overflow-x', 'auto');
});
