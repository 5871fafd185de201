import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunSettings, createSettingsStore, settingsFilePath } from '../config/index.js';
import { createMemorySecretStore, type SecretStore } from '../keychain/index.js';
import { createServerManager, type ServerManager } from './manage-servers.js';
import { readUpstreamSecrets, upstreamSecretAccount } from './upstream-secrets.js';

let home: string;
let store: SecretStore;
let manager: ServerManager;
const env = { PATH: process.env.PATH ?? '' };

function fileText(): string {
  return readFileSync(settingsFilePath({ platform: process.platform, env: { MCP_TOOLKIT_HOME: home }, homedir: home }), 'utf8');
}

function freshManager(): ServerManager {
  const filePath = settingsFilePath({ platform: process.platform, env: { MCP_TOOLKIT_HOME: home }, homedir: home });
  // The run's environment pins the port: it must never reach the file.
  const settings = createRunSettings({ file: createSettingsStore({ filePath }), env: { MCP_PORT: '9999' } });
  return createServerManager({ settings, secrets: store, env, logins: () => undefined });
}

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'mcp-toolkit-manage-'));
  store = createMemorySecretStore();
  manager = freshManager();
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('createServerManager', () => {
  it('adds a stdio server to settings.json (flags and environment values never written)', async () => {
    const added = await manager.add({ kind: 'stdio', name: 'echo', command: 'node', args: ['server.js'], env: { LOG_LEVEL: 'debug' } });
    expect(added).toEqual({ kind: 'stdio', name: 'echo', enabled: true, secrets: [], disabledTools: [], command: 'node', args: ['server.js'], env: { LOG_LEVEL: 'debug' } });
    const saved = JSON.parse(fileText());
    expect(saved.servers).toEqual([added]);
    expect(saved.port).not.toBe(9999);
    expect(await freshManager().list()).toEqual([added]);
  });

  it('refuses a name that exists, a command not on PATH, a URL that is not http(s), a bad name; nothing changes', async () => {
    await manager.add({ kind: 'http', name: 'api', url: 'https://mcp.example.com/mcp' });
    const before = fileText();
    await expect(manager.add({ kind: 'http', name: 'api', url: 'https://other.example.com/' })).rejects.toMatchObject({
      code: 'SERVER_EXISTS',
      message: 'cannot add "api": name: a server named "api" already exists',
    });
    await expect(manager.add({ kind: 'stdio', name: 'nope', command: 'no-such-command-mcp-toolkit' })).rejects.toMatchObject({
      code: 'SERVER_INVALID',
      fields: { command: 'command `no-such-command-mcp-toolkit` was not found on PATH' },
    });
    await expect(manager.add({ kind: 'http', name: 'ftp', url: 'ftp://example.com/' })).rejects.toMatchObject({ code: 'SERVER_INVALID', fields: { url: expect.stringContaining('http:// or https://') } });
    await expect(manager.add({ kind: 'http', name: 'Bad Name', url: 'https://example.com/' })).rejects.toMatchObject({ code: 'SERVER_NAME_INVALID' });
    await expect(manager.add({ kind: 'stdio', name: 'cwd', command: 'node', cwd: join(home, 'missing') })).rejects.toMatchObject({ fields: { cwd: expect.stringContaining('does not exist') } });
    expect(fileText()).toBe(before);
  });

  it('refuses a secret offered in env or a header, field by field, pointing at `servers secret set`', async () => {
    const attempt = manager.add({ kind: 'stdio', name: 'gh', command: 'node', env: { GITHUB_TOKEN: 'ghp_secret', LOG_LEVEL: 'x' } });
    await expect(attempt).rejects.toMatchObject({ code: 'SERVER_INVALID', fields: { 'env.GITHUB_TOKEN': expect.stringContaining('mcp-toolkit servers secret set gh GITHUB_TOKEN') } });
    const header = manager.add({ kind: 'http', name: 'api', url: 'https://example.com/mcp', headers: { Authorization: 'Bearer abc' } }, { OTHER: 'stored-first' });
    await expect(header).rejects.toMatchObject({ fields: { 'headers.Authorization': expect.stringContaining('${secret:AUTHORIZATION}') } });
    expect(await store.get(upstreamSecretAccount('api', 'OTHER'))).toBeUndefined();
    expect(await manager.list()).toEqual([]);
  });

  it('keeps secret values in the keychain and only their names in settings; remove deletes them', async () => {
    await manager.add({ kind: 'http', name: 'api', url: 'https://example.com/mcp', headers: { Authorization: 'Bearer ${secret:TOKEN}' } }, { TOKEN: 'tok-value-1' });
    expect(fileText()).not.toContain('tok-value-1');
    const [server] = await manager.list();
    expect(server?.secrets).toEqual(['TOKEN']);
    expect(await readUpstreamSecrets(store, server!)).toEqual({ TOKEN: 'tok-value-1' });

    expect(await manager.setSecret('api', 'EXTRA', 'extra-value')).toEqual({ added: true });
    expect(await manager.setSecret('api', 'EXTRA', 'extra-value-2')).toEqual({ added: false });
    expect(fileText()).not.toContain('extra-value');
    expect((await manager.list())[0]?.secrets).toEqual(['TOKEN', 'EXTRA']);
    await manager.removeSecret('api', 'EXTRA');
    expect(await store.get('server:api:EXTRA')).toBeUndefined();
    expect((await manager.list())[0]?.secrets).toEqual(['TOKEN']);
    await expect(manager.removeSecret('api', 'EXTRA')).rejects.toMatchObject({ code: 'SECRET_NOT_FOUND' });
    await expect(manager.setSecret('api', '1BAD', 'x')).rejects.toMatchObject({ code: 'SECRET_NAME_INVALID' });
    await expect(manager.setSecret('api', 'EMPTY', '')).rejects.toMatchObject({ code: 'SECRET_EMPTY' });

    await manager.remove('api');
    expect(await manager.list()).toEqual([]);
    expect(await store.get('server:api:TOKEN')).toBeUndefined();
  });

  it('enables, disables and switches tools; an unknown name is refused', async () => {
    await manager.add({ kind: 'stdio', name: 'echo', command: 'node' });
    expect((await manager.setEnabled('echo', false)).enabled).toBe(false);
    expect((await manager.setTools('echo', { disable: ['crash', 'env'] })).disabledTools).toEqual(['crash', 'env']);
    expect((await manager.setTools('echo', { enable: ['env'] })).disabledTools).toEqual(['crash']);
    const [saved] = await freshManager().list();
    expect(saved).toMatchObject({ enabled: false, disabledTools: ['crash'] });
    await expect(manager.setEnabled('ghost', true)).rejects.toMatchObject({ code: 'SERVER_NOT_FOUND', message: 'no server is named "ghost"' });
  });

  it('sees a change another host saved in between', async () => {
    await manager.add({ kind: 'stdio', name: 'one', command: 'node' });
    await freshManager().add({ kind: 'stdio', name: 'two', command: 'node' });
    await manager.setEnabled('one', false);
    expect((await manager.list()).map((s) => s.name)).toEqual(['one', 'two']);
  });
});
