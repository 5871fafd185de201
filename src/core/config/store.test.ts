import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settingsFilePath } from './paths.js';
import { defaultSettings } from './schema.js';
import { createSettingsStore } from './store.js';
import type { Settings } from './types.js';

let home: string;
let filePath: string;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'mcp-store-'));
  filePath = settingsFilePath({ platform: process.platform, env: { MCP_TOOLKIT_HOME: home }, homedir: '/nonexistent' });
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('SettingsStore: the desktop app edits the shared file', () => {
  it('loads, updates, notifies subscribers, and another store (the CLI) reads the change', async () => {
    const store = createSettingsStore({ filePath });
    expect((await store.load()).settings).toEqual(defaultSettings());

    const seen: Settings[] = [];
    const unsubscribe = store.subscribe((settings) => seen.push(settings));
    const result = await store.update({ port: 9300, allowedOrigins: ['https://app.example.com'] });
    expect(result).toEqual({ ok: true, settings: { ...defaultSettings(), port: 9300, allowedOrigins: ['https://app.example.com'] } });
    expect(store.current().port).toBe(9300);
    expect(seen.map((settings) => settings.port)).toEqual([9300]);

    unsubscribe();
    await store.update({ port: 9301 });
    expect(seen).toHaveLength(1);

    const cli = createSettingsStore({ filePath });
    expect((await cli.load()).settings.port).toBe(9301);
  });

  it('saves nothing when any field of a change is wrong', async () => {
    const store = createSettingsStore({ filePath });
    await store.update({ port: 9400 });
    const before = await readFile(filePath, 'utf8');
    const seen: Settings[] = [];
    store.subscribe((settings) => seen.push(settings));

    const result = await store.update({ host: '0.0.0.0', port: 'x', auth: 'oauth' });
    expect(result).toEqual({
      ok: false,
      errors: {
        port: 'expected an integer from 0 to 65535',
        'oauth.issuer': 'required when auth is oauth',
        'oauth.audience': 'required when auth is oauth',
      },
    });
    expect(await readFile(filePath, 'utf8')).toBe(before);
    expect(store.current().host).toBe('127.0.0.1');
    expect(seen).toEqual([]);
  });

  it('loads the file before the first update, so a change never resets what was saved', async () => {
    await mkdir(home, { recursive: true });
    await writeFile(filePath, JSON.stringify({ port: 9500, sharedFolders: ['/srv/docs'] }));
    const store = createSettingsStore({ filePath });
    const result = await store.update({ rateLimit: { rps: 3 } });
    expect(result.ok && result.settings).toMatchObject({ port: 9500, sharedFolders: ['/srv/docs'], rateLimit: { rps: 3, burst: 20 } });
  });

  it('applies quick successive updates in order without losing one', async () => {
    const store = createSettingsStore({ filePath });
    const results = await Promise.all([
      store.update({ port: 9601 }),
      store.update({ rateLimit: { rps: 7 } }),
      store.update({ allowedHosts: ['proxy.local'] }),
    ]);
    expect(results.every((result) => result.ok)).toBe(true);
    const saved = JSON.parse(await readFile(filePath, 'utf8')) as Settings;
    expect(saved).toMatchObject({ port: 9601, rateLimit: { rps: 7 }, allowedHosts: ['proxy.local'] });
    expect(await readdir(home)).toEqual(['settings.json']);
  });

  it('refuses to save a secret through save()', async () => {
    const store = createSettingsStore({ filePath });
    await expect(store.save({ ...defaultSettings(), apiKey: 'k' } as Settings)).rejects.toMatchObject({
      code: 'SETTINGS_SECRET_REFUSED',
    });
    await expect(readdir(home)).resolves.toEqual([]);
  });

  it('keeps notifying the others when one listener throws', async () => {
    const store = createSettingsStore({ filePath });
    const seen: number[] = [];
    const originalError = console.error;
    const logged: string[] = [];
    console.error = (line: string) => logged.push(line);
    try {
      store.subscribe(() => {
        throw new Error('boom');
      });
      store.subscribe((settings) => seen.push(settings.port));
      await store.update({ port: 9700 });
    } finally {
      console.error = originalError;
    }
    expect(seen).toEqual([9700]);
    expect(logged).toEqual(['[settings] a change listener failed: boom']);
  });
});
