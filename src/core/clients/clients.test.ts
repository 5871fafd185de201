import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLIENTS, clientSpec, type ClientId, type ClientSpec } from './client-table.js';
import { connectClient, disconnectClient, listClients, type ClientsContext } from './clients.js';
import { ClientsError } from './clients-error.js';
import { BACKUP_INFIX } from './config-file.js';

const LAUNCHER = { command: '/usr/bin/node', args: ['/opt/mcp-toolkit/cli.js'] };
let home: string;
let context: ClientsContext;
const keyFor = vi.fn(async (client: ClientId) => `secret-key-of-${client}`);

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'clients-home-'));
  keyFor.mockClear();
  context = {
    paths: { platform: 'linux', env: {}, homedir: home },
    launcher: LAUNCHER,
    mcpUrl: 'http://127.0.0.1:8000/mcp',
    auth: 'api_key',
    keyFor,
    now: () => new Date('2026-01-30T15:42:26.123Z'),
    hasProgram: () => false,
  };
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

async function install(spec: ClientSpec): Promise<string> {
  await mkdir(spec.folders(context.paths)[0] as string, { recursive: true });
  return spec.file(context.paths);
}

async function backups(file: string): Promise<string[]> {
  return (await readdir(dirname(file))).filter((name) => name.startsWith(basename(file) + BACKUP_INFIX));
}

/** A realistic file: other servers, comments, unknown keys; each in the client's own format. */
function fixture(spec: ClientSpec): string {
  if (spec.format === 'toml') {
    return '# my Codex settings\nmodel = "o4-mini"  # fast\n\n[mcp_servers.docs]\ncommand = "npx"\nargs = ["-y", "docs"]\n\n[mcp_servers.docs.env]\nLEVEL = "debug"\n\n[profiles.deep]\nmodel = "o3"\n';
  }
  const inputs = spec.id === 'vscode' ? '\n  "inputs": [\n    { "type": "promptString", "id": "gh", "password": true }\n  ],' : '';
  return `{\n  // kept: a comment\n  "theme": "dark",${inputs}\n  "${spec.serversKey}": {\n    "other": { "command": "npx", "args": ["-y", "other"] } // trailing\n  },\n  "unknown": { "nested": [1, 2, 3] }\n}\n`;
}

function entryIn(spec: ClientSpec, text: string, path: string[] = [spec.serversKey]): unknown {
  const document = (spec.format === 'toml' ? parseToml(text) : parseJsonc(text)) as Record<string, unknown>;
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document)?.['mcp-toolkit' as never];
}

const bridgeArgs = (client: string) => [...LAUNCHER.args, 'bridge', '--client', client];

describe.each(CLIENTS.map((spec) => [spec.id, spec] as const))('%s', (_id, spec) => {
  it('connects into an empty home where it is installed: the bridge entry, no key, no backup', async () => {
    const file = await install(spec);
    const change = await connectClient(context, spec.id);
    expect(change).toMatchObject({ client: spec.id, configFile: file, changed: true, keyInFile: false });
    expect(change.backupFile).toBeUndefined();
    const entry = entryIn(spec, await readFile(file, 'utf8')) as Record<string, unknown>;
    if (spec.id === 'opencode') expect(entry).toEqual({ type: 'local', command: [LAUNCHER.command, ...bridgeArgs('opencode')], enabled: true });
    else expect(entry).toMatchObject({ command: LAUNCHER.command, args: bridgeArgs(spec.id) });
    expect(keyFor).not.toHaveBeenCalled();
    const status = (await listClients(context)).find((s) => s.client === spec.id);
    expect(status).toEqual({ client: spec.id, name: spec.name, installed: true, configFile: file, connected: true, transport: 'bridge' });
  });

  it('keeps other servers, comments and unknown keys byte for byte; twice is a no-op; disconnect restores the file', async () => {
    const file = await install(spec);
    await mkdir(dirname(file), { recursive: true });
    const original = fixture(spec);
    await writeFile(file, original, { mode: 0o640 });
    const first = await connectClient(context, spec.id);
    expect(first.changed).toBe(true);
    expect(first.backupFile).toBe(`${file}${BACKUP_INFIX}2026-01-30T15-42-26-123Z`);
    expect(await readFile(first.backupFile as string, 'utf8')).toBe(original);
    const connected = await readFile(file, 'utf8');
    expect(entryIn(spec, connected)).toBeDefined();
    // Everything but our entry is the original: taking our lines out gives it back exactly.
    const ours = connected.split('\n').filter((line) => !original.split('\n').includes(line));
    expect(ours.join('\n')).toMatch(/mcp-toolkit/);
    expect((await stat(file)).mode & 0o777).toBe(0o640);

    const second = await connectClient(context, spec.id);
    expect(second.changed).toBe(false);
    expect(await readFile(file, 'utf8')).toBe(connected);
    expect(await backups(file)).toHaveLength(1);

    const removed = await disconnectClient(context, spec.id);
    expect(removed.changed).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(original);
    expect((await disconnectClient(context, spec.id)).changed).toBe(false);
    expect(await backups(file)).toHaveLength(1);
  });

  it('never overwrites a file that does not parse, and names the file and line', async () => {
    const file = await install(spec);
    await mkdir(dirname(file), { recursive: true });
    const broken = spec.format === 'toml' ? 'model = "o3"\n[mcp_servers.docs\ncommand = "x"\n' : '{\n  "theme": "dark",\n  "mcpServers": {,\n}\n';
    await writeFile(file, broken);
    const refused = connectClient(context, spec.id);
    await expect(refused).rejects.toThrow(ClientsError);
    await expect(connectClient(context, spec.id)).rejects.toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:[23]:\\d+: not valid`));
    await expect(disconnectClient(context, spec.id)).rejects.toMatchObject({ code: 'CLIENT_CONFIG_INVALID' });
    expect(await readFile(file, 'utf8')).toBe(broken);
    expect(await backups(file)).toHaveLength(0);
    const status = (await listClients(context)).find((s) => s.client === spec.id);
    expect(status).toMatchObject({ connected: false, problem: expect.stringContaining(file) as unknown });
  });

  it('refuses a client that is not installed and creates no folder for it', async () => {
    await expect(connectClient(context, spec.id)).rejects.toMatchObject({ code: 'CLIENT_NOT_INSTALLED' });
    await expect(lstat(spec.folders(context.paths)[0] as string)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await listClients(context)).find((s) => s.client === spec.id)).toMatchObject({ installed: false, connected: false });
  });
});

describe('--http entries', () => {
  it('Claude Code gets a headersHelper that runs `keys show`, never the key', async () => {
    const file = await install(clientSpec('claude-code'));
    await connectClient(context, 'claude-code', { http: true });
    const entry = entryIn(clientSpec('claude-code'), await readFile(file, 'utf8'));
    expect(entry).toEqual({ type: 'http', url: context.mcpUrl, headersHelper: '/usr/bin/node /opt/mcp-toolkit/cli.js keys show claude-code --header-json' });
    expect(keyFor).not.toHaveBeenCalled();
  });

  it('VS Code gets a password input shared with the others in `inputs`; disconnect removes only ours', async () => {
    const spec = clientSpec('vscode');
    const file = await install(spec);
    await mkdir(dirname(file), { recursive: true });
    const original = fixture(spec);
    await writeFile(file, original);
    await connectClient(context, 'vscode', { http: true });
    const config = parseJsonc(await readFile(file, 'utf8')) as { inputs: unknown[]; servers: Record<string, unknown> };
    expect(config.inputs).toEqual([
      { type: 'promptString', id: 'gh', password: true },
      { type: 'promptString', id: 'mcp-toolkit-key', description: 'MCP Toolkit API key (mcp-toolkit keys show vscode)', password: true },
    ]);
    expect(config.servers['mcp-toolkit']).toEqual({ type: 'http', url: context.mcpUrl, headers: { 'X-API-Key': '${input:mcp-toolkit-key}' } });
    // Back to the bridge: our input goes with the header that used it.
    await connectClient(context, 'vscode');
    expect(await readFile(file, 'utf8')).not.toContain('mcp-toolkit-key');
    await disconnectClient(context, 'vscode');
    expect(await readFile(file, 'utf8')).toBe(original);
  });

  it('asks for --allow-key-in-file where the key would be written, and writes it only then', async () => {
    const file = await install(clientSpec('cursor'));
    await expect(connectClient(context, 'cursor', { http: true })).rejects.toMatchObject({
      code: 'CLIENT_KEY_IN_FILE',
      message: expect.stringContaining('--allow-key-in-file') as unknown,
    });
    await expect(lstat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(keyFor).not.toHaveBeenCalled();
    const change = await connectClient(context, 'cursor', { http: true, allowKeyInFile: true });
    expect(change.keyInFile).toBe(true);
    expect(entryIn(clientSpec('cursor'), await readFile(file, 'utf8'))).toEqual({ url: context.mcpUrl, headers: { 'X-API-Key': 'secret-key-of-cursor' } });
    const codex = await install(clientSpec('codex'));
    await connectClient(context, 'codex', { http: true, allowKeyInFile: true });
    expect(entryIn(clientSpec('codex'), await readFile(codex, 'utf8'))).toEqual({ url: context.mcpUrl, http_headers: { 'X-API-Key': 'secret-key-of-codex' } });
  });

  it('writes the URL alone in `none` mode, and in `oauth` mode only for clients that sign in by themselves', async () => {
    const windsurf = await install(clientSpec('windsurf'));
    await connectClient({ ...context, auth: 'none' }, 'windsurf', { http: true });
    expect(entryIn(clientSpec('windsurf'), await readFile(windsurf, 'utf8'))).toEqual({ serverUrl: context.mcpUrl });
    const gemini = await install(clientSpec('gemini'));
    await connectClient({ ...context, auth: 'oauth' }, 'gemini', { http: true });
    expect(entryIn(clientSpec('gemini'), await readFile(gemini, 'utf8'))).toEqual({ httpUrl: context.mcpUrl });
    await install(clientSpec('lmstudio'));
    await expect(connectClient({ ...context, auth: 'oauth' }, 'lmstudio', { http: true })).rejects.toMatchObject({ code: 'CLIENT_OAUTH_UNSUPPORTED' });
    await install(clientSpec('claude-desktop'));
    await expect(connectClient(context, 'claude-desktop', { http: true })).rejects.toMatchObject({ code: 'CLIENT_HTTP_UNSUPPORTED' });
    expect(keyFor).not.toHaveBeenCalled();
  });
});

describe('files', () => {
  it('opencode: writes under mcp.servers in a file already in the V2 shape', async () => {
    const spec = clientSpec('opencode');
    const file = await install(spec);
    const original = '{\n  "mcp": {\n    "servers": {\n      "x": { "type": "remote", "url": "https://e" }\n    }\n  }\n}\n';
    await writeFile(file, original);
    await connectClient(context, 'opencode');
    expect(entryIn(spec, await readFile(file, 'utf8'), ['mcp', 'servers'])).toMatchObject({ type: 'local' });
    await disconnectClient(context, 'opencode');
    expect(await readFile(file, 'utf8')).toBe(original);
  });

  it('writes through a symbolic link (a dotfiles repository) and keeps the link', async () => {
    const spec = clientSpec('cursor');
    const file = await install(spec);
    const real = join(home, 'dotfiles-mcp.json');
    await writeFile(real, '{}\n');
    await symlink(real, file);
    await connectClient(context, 'cursor');
    expect((await lstat(file)).isSymbolicLink()).toBe(true);
    expect(entryIn(spec, await readFile(real, 'utf8'))).toBeDefined();
  });

  it('counts a program on PATH as installed and then creates the missing folder', async () => {
    const spec = clientSpec('gemini');
    await connectClient({ ...context, hasProgram: (name) => name === 'gemini' }, 'gemini');
    expect(entryIn(spec, await readFile(spec.file(context.paths), 'utf8'))).toBeDefined();
  });

  it('refuses an unknown client', async () => {
    await expect(connectClient(context, 'notepad')).rejects.toMatchObject({ code: 'CLIENT_UNKNOWN' });
  });
});
