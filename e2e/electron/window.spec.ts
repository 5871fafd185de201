import { expect, test } from '@playwright/test';
import { electronUnavailableReason, launchApp, type LaunchedApp } from './electron-app.js';
import { openWindow, waitForHook } from './hook.js';

const unavailable = electronUnavailableReason();
test.skip(unavailable !== undefined, unavailable ?? '');

let launched: LaunchedApp;
test.beforeEach(async () => {
  launched = await launchApp({ port: 0 });
  await waitForHook(launched.app);
});
test.afterEach(async () => {
  await launched?.close();
});

test('Open MCP Toolkit shows the window; Start server round-trips over IPC', async () => {
  await openWindow(launched.app);
  const page = await launched.app.firstWindow();
  await expect(page.getByRole('heading', { name: 'Server', exact: true })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Server state' })).toHaveText('Stopped');

  await page.getByRole('button', { name: 'Start server' }).click();
  await expect(page.getByRole('status', { name: 'Server state' })).toHaveText('Running');
  await expect(page.getByRole('button', { name: 'Stop server' })).toBeEnabled();
});

test('the renderer sees only the contract: no Node, no raw ipcRenderer', async () => {
  await openWindow(launched.app);
  const page = await launched.app.firstWindow();
  await page.getByRole('heading', { name: 'Server', exact: true }).waitFor();
  const exposed = await page.evaluate(() => ({
    keys: Object.keys((globalThis as unknown as { mcpToolkit: object }).mcpToolkit).sort(),
    require: typeof (globalThis as unknown as { require?: unknown }).require,
    process: typeof (globalThis as unknown as { process?: unknown }).process,
  }));
  expect(exposed).toEqual({ keys: ['call', 'on'], require: 'undefined', process: 'undefined' });

  // An unknown call is refused by the preload; a bad argument by the main process.
  const refused = await page.evaluate(async () => {
    const api = (globalThis as unknown as { mcpToolkit: { call(name: string, request?: unknown): Promise<{ ok: boolean; error?: { code: string } }> } }).mcpToolkit;
    return [await api.call('shell.exec'), await api.call('apiKey.regenerate', { confirm: 'yes' })];
  });
  expect(refused.map((result) => result.error?.code)).toEqual(['UNKNOWN_CALL', 'BAD_REQUEST']);
});

test('a port that is not a number is rejected at the field and nothing is saved', async () => {
  await openWindow(launched.app);
  const page = await launched.app.firstWindow();
  await page.getByLabel('Port').fill('not-a-port');
  await page.getByRole('button', { name: 'Save server settings' }).click();
  await expect(page.getByText('Enter a whole number from 0 to 65535.')).toBeVisible();
});
