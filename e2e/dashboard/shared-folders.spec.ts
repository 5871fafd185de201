import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { dashboardUnavailableReason, startServeDashboard, type DashboardProcess } from './serve-dashboard.js';

const unavailable = dashboardUnavailableReason();
test.skip(unavailable !== undefined, unavailable ?? '');

let serve: DashboardProcess;
let fixtureDir: string;

test.beforeEach(async () => {
  fixtureDir = mkdtempSync(join(tmpdir(), 'mcp toolkit shared folders e2e '));
  mkdirSync(join(fixtureDir, 'projects'));
  serve = await startServeDashboard();
});

test.afterEach(async () => {
  const stderr = serve.stderr();
  expect(await serve.stop(), stderr).toBe(0);
  rmSync(fixtureDir, { recursive: true, force: true });
});

async function openSharedFolders(page: Page): Promise<Locator> {
  await page.goto(serve.link);
  await expect(page.getByRole('status', { name: 'Server state' })).toHaveText('Running');
  return page.getByRole('region', { name: 'Shared folders' });
}

/** What the running server's `list_directory` answers an agent (auth none, a stateless JSON call). */
async function listDirectoryText(): Promise<string> {
  const response = await fetch(`${serve.serverUrl}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_directory', arguments: {} } }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { result: { content: { text: string }[] } };
  return body.result.content.map((part) => part.text).join('\n');
}

test('a folder added in the dashboard shows as readable and the file tools read it at once; a bad path is refused at the field', async ({ page }) => {
  const section = await openSharedFolders(page);
  await expect(section.getByText('No folder is shared yet')).toBeVisible();
  // The tool's refusal sends the agent to this very section, by its name.
  expect(await listDirectoryText()).toContain('add one under Shared folders in MCP Toolkit');

  const form = section.getByRole('form', { name: 'Add a shared folder' });
  const field = form.getByRole('textbox', { name: 'Folder path' });
  const missing = join(fixtureDir, 'missing');
  await field.fill(missing);
  await form.getByRole('button', { name: 'Add folder' }).click();
  await expect(form.getByRole('alert')).toHaveText(`Does not exist: ${missing}`);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(section.getByText('No folder is shared yet')).toBeVisible();

  const projects = join(fixtureDir, 'projects');
  await field.fill(projects);
  await form.getByRole('button', { name: 'Add folder' }).click();
  const list = section.getByRole('list', { name: 'Shared folders' });
  await expect(list.getByRole('listitem')).toHaveText([`${projects}ReadableRemove`]);
  await expect(field).toHaveValue('');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect.poll(listDirectoryText).toContain(projects);

  await list.getByRole('button', { name: `Remove ${projects}` }).click();
  await expect(section.getByText('No folder is shared yet')).toBeVisible();
  await expect.poll(listDirectoryText).toContain('No folder is shared yet');
});
