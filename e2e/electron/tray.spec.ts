import { expect, test } from '@playwright/test';
import { electronUnavailableReason, launchApp, type LaunchedApp } from './electron-app.js';
import { serverState, trayAction, trayMenu, waitForHook } from './hook.js';

const unavailable = electronUnavailableReason();
test.skip(unavailable !== undefined, unavailable ?? '');

let launched: LaunchedApp;
test.beforeEach(async () => {
  launched = await launchApp({ port: 0, auth: 'api_key' });
  await waitForHook(launched.app);
});
test.afterEach(async () => {
  await launched?.close();
});

const labelOf = (item: object | undefined) => (item && 'label' in item ? String(item.label) : '—');
const labels = (items: object[]) => items.map(labelOf);

test('starts in the tray with no window, and the menu follows the server state', async () => {
  expect(launched.app.windows()).toHaveLength(0);
  const menu = await trayMenu(launched.app);
  expect(labels(menu)).toEqual(expect.arrayContaining(['Stopped', 'Start server', 'Copy API key', 'Copy agent config', 'Open MCP Toolkit', 'Quit']));

  await trayAction(launched.app, { kind: 'startServer' });
  await expect.poll(async () => (await serverState(launched.app)).state).toBe('running');
  const running = await trayMenu(launched.app);
  expect(labelOf(running[0])).toMatch(/^Running on http:\/\/127\.0\.0\.1:\d+ · api_key$/);
  expect(labels(running)).toContain('Stop server');

  await trayAction(launched.app, { kind: 'stopServer' });
  await expect.poll(async () => labelOf((await trayMenu(launched.app))[0])).toBe('Stopped');
});

test('Copy API key puts the key on the clipboard', async () => {
  await trayAction(launched.app, { kind: 'copyApiKey' });
  const text = await launched.app.evaluate(({ clipboard }) => clipboard.readText());
  expect(text).toBe('e2e-api-key-0123456789abcdef');
});
