import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadServerConfig } from './load-server-config.js';
import { defaultSettings } from './schema.js';
import { saveSettingsFile } from './settings-file.js';

let home: string;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'mcp-load-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('loadServerConfig: what the CLI calls at start', () => {
  it('reads the settings saved by the tray app from MCP_TOOLKIT_HOME, under env and flags', async () => {
    await saveSettingsFile(join(home, 'settings.json'), { ...defaultSettings(), port: 9800, host: '127.0.0.3' });
    const result = await loadServerConfig({ env: { MCP_TOOLKIT_HOME: home, MCP_PORT: '9801' }, flags: { host: '127.0.0.4' } });
    expect(result).toMatchObject({ ok: true, config: { port: 9801, host: '127.0.0.4' }, warnings: [] });
  });

  it('passes a corrupt file warning along with the defaults, once', async () => {
    await writeFile(join(home, 'settings.json'), 'not json');
    const first = await loadServerConfig({ env: { MCP_TOOLKIT_HOME: home } });
    expect(first.ok).toBe(true);
    expect(first.warnings).toHaveLength(1);
    expect(first.warnings[0]).toMatch(/settings\.json is not valid JSON; it was moved to .*settings\.json\.corrupt-/);
    expect((await readdir(home)).filter((name) => name.startsWith('settings.json.corrupt-'))).toHaveLength(1);
    const second = await loadServerConfig({ env: { MCP_TOOLKIT_HOME: home } });
    expect(second).toMatchObject({ ok: true, config: defaultSettings(), warnings: [] });
  });

  it('fails with one line per bad value, for exit code 2', async () => {
    const result = await loadServerConfig({ env: { MCP_TOOLKIT_HOME: home, MCP_PORT: 'abc' } });
    expect(!result.ok && result.errors.map((error) => error.message)).toEqual([
      'MCP_PORT="abc" is not valid: expected an integer from 0 to 65535',
    ]);
  });
});
