import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRunSettings, createSettingsStore } from '../config/index.js';
import { createMemorySecretStore } from '../keychain/index.js';
import { clientConfigPath, IMPORT_CLIENTS, readClientConfig } from './client-configs.js';
import { planImport, sanitiseServerName } from './import-plan.js';
import { importServers } from './import-servers.js';
import { parseJsonWithComments } from './jsonc.js';
import { createServerManager } from './manage-servers.js';

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-toolkit-import-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('client config files', () => {
  it('are found where each client keeps them, per OS', () => {
    const linux = { platform: 'linux' as const, env: {}, homedir: '/home/u' };
    expect(IMPORT_CLIENTS.map((client) => clientConfigPath(client, linux))).toEqual([
      '/home/u/.config/Claude/claude_desktop_config.json',
      '/home/u/.claude.json',
      '/home/u/.cursor/mcp.json',
      '/home/u/.config/Code/User/mcp.json',
      '/home/u/.codeium/windsurf/mcp_config.json',
    ]);
    const mac = { platform: 'darwin' as const, env: {}, homedir: '/Users/u' };
    expect(clientConfigPath('claude-desktop', mac)).toBe('/Users/u/Library/Application Support/Claude/claude_desktop_config.json');
    expect(clientConfigPath('vscode', mac)).toBe('/Users/u/Library/Application Support/Code/User/mcp.json');
    const windows = { platform: 'win32' as const, env: { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, homedir: 'C:\\Users\\u' };
    expect(clientConfigPath('claude-desktop', windows)).toBe('C:\\Users\\u\\AppData\\Roaming\\Claude\\claude_desktop_config.json');
    expect(clientConfigPath('cursor', windows)).toBe('C:\\Users\\u\\.cursor\\mcp.json');
  });

  it('VS Code JSON with comments and trailing commas is read; a `//` inside a string stays', async () => {
    const file = join(tempDir(), 'mcp.json');
    write(
      file,
      `{
  // user servers
  "inputs": [{ "id": "token", "type": "promptString", "password": true }],
  "servers": {
    /* a remote one */
    "remote": { "type": "http", "url": "https://mcp.example.com/mcp", "headers": { "Authorization": "Bearer \${input:token}" }, },
    "files": { "type": "stdio", "command": "npx", "args": ["-y", "server-filesystem", "http://x//y"], },
  },
}`,
    );
    const read = await readClientConfig(file);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const plan = planImport(read.entries, []);
    expect(plan.map((item) => item.server)).toEqual([
      { kind: 'http', name: 'remote', enabled: true, url: 'https://mcp.example.com/mcp', headers: {} },
      { kind: 'stdio', name: 'files', enabled: true, command: 'npx', args: ['-y', 'server-filesystem', 'http://x//y'], env: {} },
    ]);
    expect(plan[0]?.notes).toEqual(['dropped header Authorization: its value `Bearer ${input:token}` is filled in by the client, not the toolkit']);
    expect(parseJsonWithComments('{"a": "/* not a comment */", "b": [1, 2,],}')).toEqual({ a: '/* not a comment */', b: [1, 2] });
  });

  it('reports a missing file, bad JSON (without quoting it) and a file without servers', async () => {
    const dir = tempDir();
    expect(await readClientConfig(join(dir, 'none.json'))).toEqual({ ok: false, problem: `${join(dir, 'none.json')} does not exist` });
    write(join(dir, 'bad.json'), '{"mcpServers": {"x": "sk-secret-value"');
    const bad = await readClientConfig(join(dir, 'bad.json'));
    expect(bad).toEqual({ ok: false, problem: `${join(dir, 'bad.json')} is not valid JSON` });
    write(join(dir, 'empty.json'), '{}');
    expect(await readClientConfig(join(dir, 'empty.json'))).toMatchObject({ ok: false, problem: expect.stringContaining('no "mcpServers"') });
  });
});

describe('planImport', () => {
  it('Claude Desktop / Cursor: a stdio server whose secret-looking env moves to the keychain', () => {
    const [item] = planImport({ github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_abc', LOG: 'info' } } }, []);
    expect(item?.server).toEqual({ kind: 'stdio', name: 'github', enabled: true, command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { LOG: 'info' }, secrets: ['GITHUB_PERSONAL_ACCESS_TOKEN'] });
    expect(item?.secrets).toEqual({ GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_abc' });
    expect(item?.notes).toEqual(['moved env GITHUB_PERSONAL_ACCESS_TOKEN to the keychain']);
    expect(JSON.stringify(item?.notes)).not.toContain('ghp_abc');
  });

  it('Claude Code: typed stdio, http and sse entries', () => {
    const plan = planImport(
      {
        linear: { type: 'http', url: 'https://mcp.linear.app/mcp', headers: { Authorization: 'Bearer lin_123', 'X-Team': 'core' } },
        old: { type: 'sse', url: 'https://example.com/sse' },
        local: { type: 'stdio', command: 'uvx', args: ['mcp-server-time'], env: {} },
      },
      [],
    );
    expect(plan[0]?.server).toEqual({ kind: 'http', name: 'linear', enabled: true, url: 'https://mcp.linear.app/mcp', headers: { Authorization: 'Bearer ${secret:AUTHORIZATION}', 'X-Team': 'core' }, secrets: ['AUTHORIZATION'] });
    expect(plan[0]?.secrets).toEqual({ AUTHORIZATION: 'lin_123' });
    expect(plan[0]?.notes).toEqual(['moved header Authorization to the keychain as AUTHORIZATION']);
    expect(plan[1]).toMatchObject({ source: 'old', skipped: expect.stringContaining('SSE') });
    expect(plan[2]?.server).toMatchObject({ kind: 'stdio', command: 'uvx' });
  });

  it('Windsurf: `serverUrl`, `disabled`; names made valid, said so, and kept apart', () => {
    const plan = planImport({ 'My Server': { serverUrl: 'https://a.example.com/mcp', disabled: true }, 'my_server': { command: 'node' }, taken: { command: 'node' } }, ['taken']);
    expect(plan[0]?.server).toEqual({ kind: 'http', name: 'my-server', enabled: false, url: 'https://a.example.com/mcp', headers: {} });
    expect(plan[0]?.notes).toEqual(['renamed to "my-server"', 'disabled in the client: imported disabled']);
    expect(plan[1]?.server?.name).toBe('my-server-2');
    expect(plan[2]).toMatchObject({ skipped: 'a server named "taken" exists already' });
    expect(sanitiseServerName('__Weird..Name__ with a very long tail that goes on')).toBe('weird-name-with-a-very-long-tail');
    expect(sanitiseServerName('!!!')).toBe('server');
  });
});

describe('importServers', () => {
  it('a dry run changes nothing; a real one adds servers with secrets in the keychain only', async () => {
    const home = tempDir();
    const settings = createRunSettings({ file: createSettingsStore({ filePath: join(home, 'settings.json') }), env: {} });
    const secrets = createMemorySecretStore();
    const manager = createServerManager({ settings, secrets, env: { PATH: process.env.PATH ?? '' }, logins: () => undefined });
    const plan = planImport({ echo: { command: 'node', env: { API_KEY: 'key-123' } }, missing: { command: 'no-such-command-mcp-toolkit' } }, []);

    const dry = await importServers(manager, plan, { dryRun: true });
    expect(dry.map((o) => [o.source, o.status])).toEqual([['echo', 'planned'], ['missing', 'failed']]);
    expect(dry[1]?.reason).toContain('command `no-such-command-mcp-toolkit` was not found on PATH');
    expect(await manager.list()).toEqual([]);
    expect(await secrets.get('server:echo:API_KEY')).toBeUndefined();

    const real = await importServers(manager, plan);
    expect(real.map((o) => [o.source, o.status])).toEqual([['echo', 'added'], ['missing', 'failed']]);
    expect(await manager.list()).toMatchObject([{ name: 'echo', env: {}, secrets: ['API_KEY'] }]);
    expect(await secrets.get('server:echo:API_KEY')).toBe('key-123');
  });
});
