import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsStore, defaultSettings } from '../core/config/index.js';
import { createRunSettingsStore } from './run-settings.js';
import { copyPaths, leafPaths, withoutPaths } from './settings-paths.js';

describe('settings paths', () => {
  it('lists the leaves a layer or a patch sets', () => {
    expect(leafPaths({ port: 1, oauth: { issuer: 'https://i', audience: undefined }, rateLimit: { rps: 2 }, sharedFolders: ['/a'], host: undefined })).toEqual([
      'port',
      'oauth.issuer',
      'rateLimit.rps',
      'sharedFolders',
    ]);
    expect(leafPaths({ oauth: { jwksUri: null } })).toEqual(['oauth.jwksUri']);
    expect(leafPaths(null)).toEqual([]);
  });

  it('drops the paths a change touches, whole groups included', () => {
    expect(withoutPaths(['port', 'oauth.issuer', 'oauth.audience', 'rateLimit.rps'], ['port', 'oauth'])).toEqual(['rateLimit.rps']);
  });

  it('copies fields, removing those the source leaves unset', () => {
    const target = { ...defaultSettings(), port: 1, oauth: { ...defaultSettings().oauth, issuer: 'https://from-env', clientId: 'c' } };
    const source = { ...defaultSettings(), port: 2 };
    const copied = copyPaths(target, source, ['port', 'oauth.issuer']);
    expect(copied.port).toBe(2);
    expect(copied.oauth).toEqual({ ...defaultSettings().oauth, clientId: 'c' });
    expect('issuer' in copied.oauth).toBe(false);
    expect(target.oauth.issuer).toBe('https://from-env');
  });
});

describe('run settings (serve --dashboard)', () => {
  let dir: string;
  let file: string;
  let logs: string[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mcp-run-settings-'));
    file = join(dir, 'settings.json');
    logs = [];
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const saved = async () => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  const store = (overrides: object) => createRunSettingsStore(createSettingsStore({ filePath: file }), overrides, (line) => logs.push(line));

  it('shows the file with the flags and environment on top, and never writes those to the file', async () => {
    await writeFile(file, JSON.stringify({ port: 9100, rateLimit: { rps: 3, burst: 5 } }));
    const settings = store({ port: 0, auth: 'api_key' });
    expect((await settings.load()).settings).toMatchObject({ port: 0, auth: 'api_key', rateLimit: { rps: 3, burst: 5 } });

    const result = await settings.update({ rateLimit: { rps: 1 } });
    expect(result).toMatchObject({ ok: true, settings: { port: 0, auth: 'api_key', rateLimit: { rps: 1, burst: 5 } } });
    expect(await saved()).toMatchObject({ port: 9100, auth: 'none', rateLimit: { rps: 1, burst: 5 } });
    expect(settings.current().port).toBe(0);
  });

  it('lets a change made in the dashboard win over the flag for the rest of the run', async () => {
    const settings = store({ port: 0 });
    await settings.load();
    expect((await settings.update({ port: 9200 })).ok).toBe(true);
    expect(settings.current().port).toBe(9200);
    expect(await saved()).toMatchObject({ port: 9200 });
  });

  it('refuses an invalid change field by field and changes nothing', async () => {
    const settings = store({ port: 0 });
    await settings.load();
    const result = await settings.update({ port: 70000, auth: 'oauth' });
    expect(result.ok).toBe(false);
    expect(Object.keys((result as { errors: object }).errors)).toEqual(expect.arrayContaining(['port', 'oauth.issuer']));
    expect(settings.current().port).toBe(0);
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('keeps for this run only a change the file could not hold without the environment', async () => {
    const settings = store({ oauth: { issuer: 'https://issuer.example', audience: 'http://127.0.0.1:8000/mcp' } });
    await settings.load();
    const result = await settings.update({ auth: 'oauth' });
    expect(result).toMatchObject({ ok: true, settings: { auth: 'oauth', oauth: { issuer: 'https://issuer.example' } } });
    expect(settings.current().auth).toBe('oauth');
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(logs.join('\n')).toContain('applies to this run only');
    expect(logs.join('\n')).toContain('oauth.issuer');

    // A later change the file can hold is saved; the run keeps the oauth mode.
    expect((await settings.update({ rateLimit: { rps: 2 } })).ok).toBe(true);
    expect(settings.current()).toMatchObject({ auth: 'oauth', rateLimit: { rps: 2 } });
    expect(await saved()).toMatchObject({ auth: 'none', rateLimit: { rps: 2 } });
  });

  it('tells subscribers the effective settings after each change', async () => {
    const settings = store({ port: 0 });
    const seen: number[] = [];
    settings.subscribe((next) => seen.push(next.rateLimit.rps));
    await settings.load();
    await settings.update({ rateLimit: { rps: 4 } });
    expect(seen).toEqual([0, 4]);
  });
});
