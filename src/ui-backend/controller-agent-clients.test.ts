import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunSettings, createSettingsStore } from '../core/config/index.js';
import { createMemorySecretStore } from '../core/keychain/index.js';
import { createMetrics } from '../core/metrics/index.js';
import type { AgentClientView } from '../shared/agent-clients-types.js';
import type { CallName } from '../shared/contract.js';
import type { AuthMode } from '../shared/view-types.js';
import { createMemoryAppState } from './app-state-file.js';
import { createAppController, type AppController } from './controller.js';
import { invokeCall } from './invoke-call.js';

const STDIO = { command: '/usr/bin/node', args: ['/opt/mcp-toolkit/bin/mcp-toolkit.js', 'stdio'] };
const KEY = 'k'.repeat(43);
const CURSOR_FILE = '{\n  // mine\n  "mcpServers": {\n    "other": { "command": "other-server" }\n  },\n  "theme": "dark"\n}\n';

let dir: string;
let home: string;
let controllers: AppController[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-controller-clients-'));
  home = join(dir, 'home');
  await mkdir(home);
  controllers = [];
});

afterEach(async () => {
  for (const controller of controllers) await controller.shutdown();
  await rm(dir, { recursive: true, force: true });
});

async function start(auth: AuthMode = 'api_key', withPaths = true) {
  const log: string[] = [];
  const settingsFile = join(dir, 'settings.json');
  await writeFile(settingsFile, JSON.stringify({ auth, port: 8123 }));
  const secrets = createMemorySecretStore();
  await secrets.set('api-key', KEY);
  const controller = createAppController({
    settings: createRunSettings({ file: createSettingsStore({ filePath: settingsFile }), env: {} }),
    appState: createMemoryAppState({ serverWasRunning: false }),
    secrets,
    metrics: createMetrics(),
    info: { name: 'MCP Toolkit', version: '0', platform: 'linux', host: 'desktop', stdio: STDIO },
    openUrl: () => {},
    clipboard: { writeText: () => {} },
    log: (line) => log.push(line),
    // PATH empty: a client is installed when its folder exists.
    ...(withPaths && { pathContext: { platform: 'linux', env: {}, homedir: home } }),
  });
  controllers.push(controller);
  await controller.init();
  const call = <K extends CallName>(name: K, body?: unknown) => invokeCall(controller.handlers, name, body, (line) => log.push(line), '[test]');
  return { call, log };
}

function find(clients: readonly AgentClientView[], id: string): AgentClientView {
  const found = clients.find((client) => client.client === id);
  if (!found) throw new Error(`no client ${id}`);
  return found;
}

describe('the controller: connect an agent client', () => {
  it('lists every supported client with its file, installed and connected state', async () => {
    await mkdir(join(home, '.cursor'));
    const { call } = await start();
    const listed = await call('agents.listClients');
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.map((client) => client.client)).toContain('opencode');
    expect(find(listed.value, 'cursor')).toMatchObject({ name: 'Cursor', installed: true, connected: false, configFile: join(home, '.cursor', 'mcp.json') });
    expect(find(listed.value, 'zed')).toMatchObject({ installed: false, connected: false });
  });

  it('connect writes the bridge entry into the file (keeping the rest); disconnect gives back the file as it was', async () => {
    const file = join(home, '.cursor', 'mcp.json');
    await mkdir(join(home, '.cursor'));
    await writeFile(file, CURSOR_FILE);
    const { call, log } = await start();

    const connected = await call('agents.connect', { client: 'cursor' });
    expect(connected).toMatchObject({ ok: true, value: { change: { client: 'cursor', configFile: file, changed: true } } });
    if (!connected.ok) return;
    expect(connected.value.change.backupFile).toMatch(/mcp\.json\.mcp-toolkit-backup-/);
    expect(find(connected.value.clients, 'cursor')).toMatchObject({ connected: true, transport: 'bridge' });
    const written = await readFile(file, 'utf8');
    expect(written).toContain('// mine');
    expect(written).toContain('"theme": "dark"');
    expect(JSON.parse(written.replace('// mine', '')).mcpServers['mcp-toolkit']).toEqual({
      command: '/usr/bin/node',
      args: ['/opt/mcp-toolkit/bin/mcp-toolkit.js', 'bridge', '--client', 'cursor'],
    });
    expect(written).not.toContain(KEY);

    expect(await call('agents.connect', { client: 'cursor' })).toMatchObject({ ok: true, value: { change: { changed: false } } });

    const disconnected = await call('agents.disconnect', { client: 'cursor' });
    expect(disconnected).toMatchObject({ ok: true, value: { change: { changed: true } } });
    expect(await readFile(file, 'utf8')).toBe(CURSOR_FILE);
    expect(log.some((line) => line.startsWith('[clients] connected cursor:'))).toBe(true);
    expect(log.join('\n')).not.toContain(KEY);
  });

  it('offers an HTTP entry only where the key stays out of the file, and never writes the key from the UI', async () => {
    await mkdir(join(home, '.cursor'));
    await mkdir(join(home, '.claude'));
    const { call } = await start('api_key');
    const listed = await call('agents.listClients');
    if (!listed.ok) throw new Error(listed.error.message);
    expect(find(listed.value, 'claude-code').http).toMatchObject({ available: true, how: expect.stringContaining('headersHelper') });
    expect(find(listed.value, 'vscode').http.available).toBe(true);
    expect(find(listed.value, 'cursor').http).toMatchObject({ available: false, reason: expect.stringContaining('--allow-key-in-file') });
    expect(find(listed.value, 'claude-desktop').http).toMatchObject({ available: false, reason: expect.stringContaining('stdio') });

    const refused = await call('agents.connect', { client: 'cursor', http: true, allowKeyInFile: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CLIENT_KEY_IN_FILE', message: expect.stringContaining('never writes a key') } });
    await expect(readFile(join(home, '.cursor', 'mcp.json'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });

    const helper = await call('agents.connect', { client: 'claude-code', http: true });
    expect(helper).toMatchObject({ ok: true, value: { change: { changed: true } } });
    const claude = JSON.parse(await readFile(join(home, '.claude.json'), 'utf8')) as { mcpServers: Record<string, Record<string, unknown>> };
    expect(claude.mcpServers['mcp-toolkit']).toMatchObject({ type: 'http', url: 'http://127.0.0.1:8123/mcp', headersHelper: expect.stringContaining('keys show claude-code --header-json') });
    expect(JSON.stringify(claude)).not.toContain(KEY);
  });

  it('in none mode every client that reads HTTP entries gets the URL alone', async () => {
    const { call } = await start('none');
    const listed = await call('agents.listClients');
    if (!listed.ok) throw new Error(listed.error.message);
    expect(find(listed.value, 'cursor').http).toEqual({ available: true, how: 'The URL alone (authentication is off).' });
    expect(find(listed.value, 'claude-desktop').http.available).toBe(false);
  });

  it('passes the core’s codes to the UI: unknown client, client not installed, unparsable file (left untouched)', async () => {
    const { call } = await start();
    expect(await call('agents.connect', { client: 'notepad' })).toMatchObject({ ok: false, error: { code: 'CLIENT_UNKNOWN' } });
    expect(await call('agents.connect', { client: 'zed' })).toMatchObject({ ok: false, error: { code: 'CLIENT_NOT_INSTALLED' } });
    expect(await readdir(home)).toEqual([]);
    await mkdir(join(home, '.cursor'));
    await writeFile(join(home, '.cursor', 'mcp.json'), '{ "mcpServers": { ');
    const broken = await call('agents.connect', { client: 'cursor' });
    expect(broken).toMatchObject({ ok: false, error: { code: 'CLIENT_CONFIG_INVALID', message: expect.stringContaining('mcp.json') } });
    expect(await readFile(join(home, '.cursor', 'mcp.json'), 'utf8')).toBe('{ "mcpServers": { ');
  });

  it('says so when the host gave no user folders', async () => {
    const { call } = await start('api_key', false);
    expect(await call('agents.listClients')).toMatchObject({ ok: false, error: { code: 'CLIENTS_UNAVAILABLE' } });
  });
});
