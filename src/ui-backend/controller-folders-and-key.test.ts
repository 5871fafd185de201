import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunSettings, createSettingsStore, type Environment } from '../core/config/index.js';
import { createMemorySecretStore } from '../core/keychain/index.js';
import { createMetrics } from '../core/metrics/index.js';
import type { CallName, EventName } from '../shared/contract.js';
import type { ApiKeyStatus } from '../shared/view-types.js';
import { createMemoryAppState } from './app-state-file.js';
import { createAppController, type AppController, type ControllerDeps } from './controller.js';
import { invokeCall } from './invoke-call.js';

let dir: string;
let home: string;
let controllers: AppController[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-controller-folders-'));
  home = join(dir, 'home');
  await mkdir(join(home, 'projects'), { recursive: true });
  controllers = [];
});

afterEach(async () => {
  for (const controller of controllers) await controller.shutdown();
  await rm(dir, { recursive: true, force: true });
});

async function start(options: { env?: Environment; settings?: object; pickFolder?: ControllerDeps['pickFolder'] } = {}) {
  const settingsFile = join(dir, 'settings.json');
  await writeFile(settingsFile, JSON.stringify({ port: 0, ...options.settings }));
  const controller = createAppController({
    settings: createRunSettings({ file: createSettingsStore({ filePath: settingsFile }), env: options.env ?? {} }),
    appState: createMemoryAppState({ serverWasRunning: false }),
    secrets: createMemorySecretStore(),
    metrics: createMetrics(),
    info: { name: 'MCP Toolkit', version: '0', platform: 'linux', host: 'desktop', stdio: { command: '/opt/mcp-toolkit', args: ['stdio'] } },
    openUrl: () => {},
    clipboard: { writeText: () => {} },
    log: () => {},
    pathContext: { platform: 'linux', env: {}, homedir: home },
    ...(options.pickFolder ? { pickFolder: options.pickFolder } : {}),
  });
  controllers.push(controller);
  const events: { event: EventName; payload: unknown }[] = [];
  controller.subscribe((event, payload) => events.push({ event, payload }));
  await controller.init();
  const call = <K extends CallName>(name: K, body?: unknown) => invokeCall(controller.handlers, name, body, () => {}, '[test]');
  const saved = async () => JSON.parse(await readFile(settingsFile, 'utf8')) as { sharedFolders?: string[] };
  return { controller, call, events, saved };
}

/** Calls the file tools of the running server the way an agent does (auth `none`). */
async function listDirectory(url: string): Promise<string> {
  const response = await fetch(`${url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_directory', arguments: {} } }),
  });
  return response.text();
}

describe('app controller: shared folders', () => {
  it('adds a readable folder (~/ is the home folder), saves it, applies it to the running server, and removes it', async () => {
    const app = await start();
    const started = await app.call('server.start');
    const url = started.ok ? started.value.url! : '';
    expect(await listDirectory(url)).toContain('No folder is shared yet');

    const added = await app.call('sharedFolders.add', { path: '~/projects/' });
    const folder = join(home, 'projects');
    expect(added).toEqual({ ok: true, value: [{ path: folder, state: 'readable', detail: 'Readable' }] });
    expect((await app.saved()).sharedFolders).toEqual([folder]);
    expect(await listDirectory(url)).not.toContain('No folder is shared yet');
    expect(app.events.some((e) => e.event === 'settings.changed')).toBe(true);

    expect(await app.call('sharedFolders.remove', { path: folder })).toEqual({ ok: true, value: [] });
    expect((await app.saved()).sharedFolders).toEqual([]);
    expect(await listDirectory(url)).toContain('No folder is shared yet');
  });

  it('refuses at the path field a relative path, a missing folder, a file and a folder already shared, saving nothing', async () => {
    const app = await start();
    await writeFile(join(home, 'notes.txt'), 'x');
    await app.call('sharedFolders.add', { path: join(home, 'projects') });

    const refusals = await Promise.all(
      ['projects', join(home, 'gone'), join(home, 'notes.txt'), join(home, 'projects')].map((path) => app.call('sharedFolders.add', { path })),
    );

    expect(refusals.map((r) => (r.ok ? 'saved' : r.error.fields?.path))).toEqual([
      `Enter the folder’s full path, e.g. ${join(home, 'projects')}`,
      `Does not exist: ${join(home, 'gone')}`,
      `Not a folder (a file): ${join(home, 'notes.txt')}`,
      `${join(home, 'projects')} is already shared.`,
    ]);
    expect((await app.saved()).sharedFolders).toEqual([join(home, 'projects')]);
  });

  it('removes a folder the settings file spells differently (a trailing slash)', async () => {
    const app = await start({ settings: { sharedFolders: [`${join(home, 'projects')}/`] } });

    expect(await app.call('sharedFolders.remove', { path: `${join(home, 'projects')}/` })).toEqual({ ok: true, value: [] });
    expect((await app.saved()).sharedFolders).toEqual([]);
  });

  it('lists each folder with whether it exists and is readable, including folders shared by MCP_SHARED_FOLDERS, which cannot be changed here', async () => {
    const app = await start({ env: { MCP_SHARED_FOLDERS: `${join(home, 'projects')}:${join(home, 'gone')}` } });

    expect(await app.call('sharedFolders.list')).toEqual({
      ok: true,
      value: [
        { path: join(home, 'projects'), state: 'readable', detail: 'Readable' },
        { path: join(home, 'gone'), state: 'missing', detail: 'Does not exist' },
      ],
    });
    const refused = await app.call('sharedFolders.remove', { path: join(home, 'gone') });
    expect(refused.ok ? 'removed' : refused.error.fields?.path).toBe('set by MCP_SHARED_FOLDERS for this run, so it cannot be changed here');
  });

  it('opens the host’s folder picker, or says there is none (the dashboard)', async () => {
    const desktop = await start({ pickFolder: async () => join(home, 'projects') });
    expect(await desktop.call('dialog.pickFolder')).toEqual({ ok: true, value: { path: join(home, 'projects') } });

    const dashboard = await start();
    const refused = await dashboard.call('dialog.pickFolder');
    expect(refused.ok ? 'picked' : refused.error.code).toBe('FOLDER_PICKER_UNAVAILABLE');
  });
});

describe('app controller: switching to api_key', () => {
  it('tells the key panel about the key the running server created, at once', async () => {
    const app = await start();
    await app.call('server.start');
    const before = await app.call('apiKey.getStatus');
    expect(before).toEqual({ ok: true, value: { source: 'none', masked: null } });

    const saved = await app.call('settings.update', { auth: 'api_key' });
    expect(saved.ok).toBe(true);

    // By the time the save answers, the panel has heard of the key (no reload, no second call).
    const announced = app.events.filter((e) => e.event === 'apiKey.changed').map((e) => e.payload as ApiKeyStatus);
    expect(announced.at(-1)).toMatchObject({ source: 'keychain', masked: expect.stringMatching(/^•+.{4}$/) });
    expect(await app.call('apiKey.getStatus')).toEqual({ ok: true, value: announced.at(-1) });
  });
});
