import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { REPO_ROOT, dashboardUnavailableReason, startServeDashboard, type DashboardProcess } from './serve-dashboard.js';

const unavailable = dashboardUnavailableReason();
test.skip(unavailable !== undefined, unavailable ?? '');

const ECHO_SERVER = join(REPO_ROOT, 'test', 'fixtures', 'upstream', 'echo-server.mjs');
/** The fixture under a path with a space and a quote, as the command line must quote it (node follows the link to its modules). */
const QUOTED_NAME = "it's echo.mjs";
/** Starting a node child and its SDK handshake; a broken server goes through its backoff restarts first. */
const UPSTREAM_TIMEOUT_MS = 20_000;

let serve: DashboardProcess;
let fixtureDir: string;
let echoServer: string;

test.beforeEach(async () => {
  fixtureDir = mkdtempSync(join(tmpdir(), 'mcp toolkit servers e2e '));
  echoServer = join(fixtureDir, QUOTED_NAME);
  symlinkSync(ECHO_SERVER, echoServer);
  serve = await startServeDashboard();
});

test.afterEach(async () => {
  const stderr = serve.stderr();
  expect(await serve.stop(), stderr).toBe(0);
  rmSync(fixtureDir, { recursive: true, force: true });
});

/** A word as the add form's command line reads it: single quotes keep everything, `'\''` is a quote. */
function quoted(word: string): string {
  return `'${word.replaceAll("'", "'\\''")}'`;
}

/** `node echo-server.mjs [flags]` as one line for the Command line field. */
function echoServerCommandLine(...flags: string[]): string {
  return [process.execPath, echoServer, ...flags].map(quoted).join(' ');
}

async function openDashboard(page: Page): Promise<Locator> {
  await page.goto(serve.link);
  await expect(page.getByRole('status', { name: 'Server state' })).toHaveText('Running');
  const servers = page.getByRole('region', { name: 'Servers' });
  await expect(servers.getByText('No servers yet')).toBeVisible();
  return servers;
}

/** Fills the Add form as a user would (Local command is the default kind) and submits it. */
async function addLocalServer(servers: Locator, name: string, commandLine: string): Promise<void> {
  const form = servers.getByRole('form', { name: 'Add a server' });
  await form.getByRole('radio', { name: 'Local command' }).check();
  await form.getByRole('textbox', { name: 'Name' }).fill(name);
  await form.getByRole('textbox', { name: 'Command line' }).fill(commandLine);
  await form.getByRole('button', { name: 'Add server' }).click();
  // The form clears once the server was added.
  await expect(form.getByRole('textbox', { name: 'Name' })).toHaveValue('');
}

function serverCard(servers: Locator, name: string): Locator {
  return servers.getByRole('article', { name, exact: true });
}

/** The tool names the real MCP endpoint serves now (auth none, a stateless JSON `tools/list`). */
async function servedToolNames(): Promise<string[]> {
  const response = await fetch(`${serve.serverUrl}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { result: { tools: { name: string }[] } };
  return body.result.tools.map((tool) => tool.name);
}

/** A screenshot of the Servers section kept with the test's results (test-results/dashboard), never committed. */
async function saveScreenshot(servers: Locator, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(`${name}.png`, { body: await servers.screenshot(), contentType: 'image/png' });
}

test('add a server, see its tools, switch one off (gone from /mcp), see a broken server crash, restart it and switch servers off', async ({ page }, testInfo) => {
  const servers = await openDashboard(page);

  await addLocalServer(servers, 'echo', echoServerCommandLine());
  const echo = serverCard(servers, 'echo');
  await expect(echo.getByRole('status', { name: 'echo state' })).toHaveText('running', { timeout: UPSTREAM_TIMEOUT_MS });
  await expect(echo.getByText('local · 6 tools')).toBeVisible();
  // The card shows the command line quoted as it was split: the path came through as one argument.
  await expect(echo.getByText(`${process.execPath} ${quoted(echoServer)}`, { exact: true })).toBeVisible();

  await echo.getByText('Tools (6)').click();
  const tools = echo.getByRole('list', { name: 'Tools of echo' });
  for (const tool of ['echo', 'slow', 'big', 'env', 'crash', 'add-tool']) {
    await expect(tools.getByRole('switch', { name: tool, exact: true })).toBeChecked();
    await expect(tools.getByText(`echo__${tool}`, { exact: true })).toBeVisible();
  }
  await expect.poll(servedToolNames).toEqual(expect.arrayContaining(['echo__echo', 'echo__slow']));

  await tools.getByRole('switch', { name: 'echo', exact: true }).click();
  await expect(tools.getByRole('switch', { name: 'echo', exact: true })).not.toBeChecked();
  await expect(echo.getByText('local · 5 tools')).toBeVisible();
  await expect.poll(servedToolNames).not.toContain('echo__echo');
  expect(await servedToolNames()).toContain('echo__slow');
  await saveScreenshot(servers, testInfo, 'server-tool-off');

  await addLocalServer(servers, 'broken', echoServerCommandLine('--fail-on-start'));
  const broken = serverCard(servers, 'broken');
  await expect(broken.getByRole('status', { name: 'broken state' })).toHaveText('crashed', { timeout: UPSTREAM_TIMEOUT_MS });
  await expect(broken.getByText(/^exited with code 1; last error output: .*Error: GITHUB_TOKEN is not set/)).toBeVisible();
  await broken.getByText(/^Error output/).click();
  await expect(broken.getByLabel('Error output of broken')).toContainText('Error: GITHUB_TOKEN is not set');
  // After five crashes in a row (1 + 2 + 4 + 8 s of backoff) it stays crashed and says so.
  await expect(broken.getByText(/^exited with code 1 five times in 60 s; last error output: .*GITHUB_TOKEN is not set/)).toBeVisible({ timeout: 30_000 });
  await expect(broken.getByText(/Trying again/)).toHaveCount(0);
  await expect(broken.getByRole('status', { name: 'broken state' })).toHaveText('crashed');
  // The first server runs on, still without its switched-off tool.
  await expect(echo.getByRole('status', { name: 'echo state' })).toHaveText('running');
  const served = await servedToolNames();
  expect(served).toContain('echo__slow');
  expect(served).not.toContain('echo__echo');
  expect(served.filter((name) => name.startsWith('broken__'))).toEqual([]);
  await saveScreenshot(servers, testInfo, 'server-crashed');

  // Restart by hand starts a fresh row of tries; switching it off stops them.
  await broken.getByRole('button', { name: 'Restart broken' }).click();
  await expect(broken.getByText(/^exited with code 1; last error output: .*GITHUB_TOKEN is not set.* Trying again at /)).toBeVisible({ timeout: UPSTREAM_TIMEOUT_MS });
  await broken.getByRole('switch', { name: 'broken enabled' }).click();
  await expect(broken.getByRole('status', { name: 'broken state' })).toHaveText('disabled');
  await expect(broken.getByRole('switch', { name: 'broken enabled' })).not.toBeChecked();
  await expect(broken.getByText(/^exited with code 1/)).toHaveCount(0);
  await expect(broken.getByRole('button', { name: 'Restart broken' })).toBeDisabled();
  // Its log file still tells why it crashed.
  await broken.getByRole('button', { name: 'Show more of the log' }).click();
  await expect(broken.getByLabel('Error output of broken')).toContainText('Error: GITHUB_TOKEN is not set');

  // Switching the first server off takes all its tools away from agents.
  await echo.getByRole('switch', { name: 'echo enabled' }).click();
  await expect(echo.getByRole('status', { name: 'echo state' })).toHaveText('disabled');
  await expect.poll(async () => (await servedToolNames()).filter((name) => name.includes('__'))).toEqual([]);
  await expect(page.getByText('Live updates from mcp-toolkit are interrupted')).toHaveCount(0);
});
