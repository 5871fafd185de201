import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Environment } from './env.js';
import type { FlagValues } from './flags.js';
import { createRunSettings } from './run-settings.js';
import { createSettingsStore } from './store.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-run-settings-'));
  file = join(dir, 'settings.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const saved = async () => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
const runSettings = (env: Environment = {}, flags: FlagValues = {}) => createRunSettings({ file: createSettingsStore({ filePath: file }), env, flags });

describe('run settings: the file with the flags and MCP_* variables on top', () => {
  it('runs flags over variables over the file, and pins what a flag or a variable sets', async () => {
    await writeFile(file, JSON.stringify({ port: 9100, host: '127.0.0.3', rateLimit: { rps: 3, burst: 5 } }));
    const settings = runSettings({ MCP_PORT: '9200', MCP_RATE_LIMIT_RPS: '4', MCP_API_KEY: 'k-0123456789abcdef' }, { port: '0' });
    expect((await settings.load()).settings).toMatchObject({ port: 0, host: '127.0.0.3', rateLimit: { rps: 4, burst: 5 } });
    expect(settings.current()).not.toHaveProperty('apiKey');
    expect(settings.config().apiKey).toBe('k-0123456789abcdef');
    expect(settings.pinned()).toEqual({ port: '--port', 'rateLimit.rps': 'MCP_RATE_LIMIT_RPS' });
  });

  it('refuses to change a pinned field, ignores it repeated unchanged, and never writes flags or variables to the file', async () => {
    await writeFile(file, JSON.stringify({ port: 9100 }));
    const settings = runSettings({ MCP_RATE_LIMIT_RPS: '4' }, { port: '0' });
    await settings.load();
    expect(await settings.update({ port: 9300, rateLimit: { rps: 1 } })).toEqual({
      ok: false,
      errors: {
        port: 'set by --port for this run, so it cannot be changed here',
        'rateLimit.rps': 'set by MCP_RATE_LIMIT_RPS for this run, so it cannot be changed here',
      },
    });
    const result = await settings.update({ port: 0, rateLimit: { rps: 4, burst: 7 } });
    expect(result).toMatchObject({ ok: true, settings: { port: 0, rateLimit: { rps: 4, burst: 7 } } });
    expect(await saved()).toMatchObject({ port: 9100, rateLimit: { rps: 0, burst: 7 } });
  });

  it('lets the environment complete the file for the cross-field rules without saving it there', async () => {
    const settings = runSettings({ MCP_OAUTH_ISSUER: 'https://issuer.example', MCP_OAUTH_AUDIENCE: 'mcp' });
    await settings.load();
    expect(await settings.update({ auth: 'oauth' })).toMatchObject({ ok: true, settings: { auth: 'oauth', oauth: { issuer: 'https://issuer.example' } } });
    const onDisk = await saved();
    expect(onDisk).toMatchObject({ auth: 'oauth' });
    expect(onDisk.oauth).toEqual({ requiredScopes: [] });

    const alone = runSettings();
    await alone.load();
    expect(await alone.update({ rateLimit: { rps: 1 } })).toMatchObject({ ok: false, errors: { 'oauth.issuer': 'required when auth is oauth' } });
  });

  it('tells subscribers when the file changed on disk and the result differs', async () => {
    const settings = runSettings({}, { port: '0' });
    const seen: number[] = [];
    settings.subscribe((next) => seen.push(next.rateLimit.rps));
    await settings.load();
    await writeFile(file, JSON.stringify({ port: 9999, rateLimit: { rps: 2 } }));
    await settings.load();
    await writeFile(file, JSON.stringify({ port: 9998, rateLimit: { rps: 2 } }));
    await settings.load();
    expect(seen).toEqual([2]);
    expect(settings.current().port).toBe(0);
  });

  it('leaves out a bad variable and says so, rather than not starting', async () => {
    const settings = runSettings({ MCP_PORT: 'abc', MCP_RATE_LIMIT_BURST: '3' });
    await settings.load();
    expect(settings.current()).toMatchObject({ port: 8000, rateLimit: { burst: 3 } });
    expect(settings.problems()).toEqual(['MCP_PORT="abc" is not valid: expected an integer from 0 to 65535']);
  });
});
