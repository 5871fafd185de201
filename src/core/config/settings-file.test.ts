import { execFileSync } from 'node:child_process';
import { lstat, mkdtemp, mkdir, readdir, readFile, readlink, rm, stat, symlink, truncate, utimes, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settingsFilePath } from './paths.js';
import { defaultSettings } from './schema.js';
import { SECRET_REFUSED } from './secrets.js';
import { loadSettingsFile, saveSettingsFile, SettingsFileError } from './settings-file.js';

const FIXED_NOW = () => new Date('2026-11-26T20:53:48.123Z');
const MOVED_SUFFIX = '.corrupt-2026-11-26T20-53-48-123Z';

let home: string;
let file: string;

beforeEach(async () => {
  home = join(await mkdtemp(join(tmpdir(), 'mcp-settings-')), 'toolkit-home');
  file = settingsFilePath({ platform: process.platform, env: { MCP_TOOLKIT_HOME: home }, homedir: '/nonexistent' });
});
afterEach(async () => {
  await rm(join(home, '..'), { recursive: true, force: true });
});

const mode = async (path: string) => (await stat(path)).mode & 0o777;

/** Fails instead of hanging when `promise` does not settle in time (a FIFO read blocks forever). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe('loading the settings file', () => {
  it('gives the defaults and no warning when there is no file yet', async () => {
    expect(await loadSettingsFile(file)).toEqual({ settings: defaultSettings(), layer: {} });
  });

  it('merges a partial, hand-written file over the defaults', async () => {
    await mkdir(home, { recursive: true });
    await writeFile(file, '\uFEFF{ "port": 9000, "oauth": { "requiredScopes": ["mcp"] } }');
    const loaded = await loadSettingsFile(file);
    expect(loaded.warning).toBeUndefined();
    expect(loaded.layer).toEqual({ port: 9000, oauth: { requiredScopes: ['mcp'] } });
    expect(loaded.settings).toEqual({ ...defaultSettings(), port: 9000, oauth: { requiredScopes: ['mcp'] } });
  });

  it('moves a corrupt file aside, keeps its content, uses the defaults and says so once', async () => {
    await mkdir(home, { recursive: true });
    const corrupt = '{ "port": 9000, oops';
    await writeFile(file, corrupt);

    const first = await loadSettingsFile(file, { now: FIXED_NOW });
    const kept = `${file}${MOVED_SUFFIX}`;
    expect(first.settings).toEqual(defaultSettings());
    expect(first.movedTo).toBe(kept);
    expect(first.warning).toBe(`${file} is not valid JSON; it was moved to ${kept} and the default settings are used`);
    expect(await readFile(kept, 'utf8')).toBe(corrupt);
    expect(await readdir(home)).toEqual([`settings.json${MOVED_SUFFIX}`]);

    const second = await loadSettingsFile(file, { now: FIXED_NOW });
    expect(second).toEqual({ settings: defaultSettings(), layer: {} });
  });

  it('moves an invalid file aside the same way, naming each bad field, and never overwrites an earlier copy', async () => {
    await mkdir(home, { recursive: true });
    await writeFile(`${file}${MOVED_SUFFIX}`, 'earlier copy');
    await writeFile(file, JSON.stringify({ port: 'eighty', auth: 'kerberos', host: '127.0.0.1' }));

    const loaded = await loadSettingsFile(file, { now: FIXED_NOW });
    const kept = `${file}${MOVED_SUFFIX}-1`;
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.warning).toBe(
      `${file} has invalid settings (port: expected an integer from 0 to 65535; auth: expected one of none, api_key, oauth); ` +
        `it was moved to ${kept} and the default settings are used`,
    );
    expect(JSON.parse(await readFile(kept, 'utf8'))).toEqual({ port: 'eighty', auth: 'kerberos', host: '127.0.0.1' });
    expect(await readFile(`${file}${MOVED_SUFFIX}`, 'utf8')).toBe('earlier copy');
  });

  it('treats JSON that is not an object as invalid', async () => {
    await mkdir(home, { recursive: true });
    await writeFile(file, '[1, 2]');
    const loaded = await loadSettingsFile(file, { now: FIXED_NOW });
    expect(loaded.warning).toMatch(/has invalid settings \(the file: expected an object\); it was moved to /);
  });

  it('ignores secret-like and unknown keys with a warning, keeping the rest', async () => {
    await mkdir(home, { recursive: true });
    await writeFile(file, JSON.stringify({ port: 9100, apiKey: 'sk-1', prot: 1, oauth: { accessToken: 't', requiredScopes: [] } }));
    const loaded = await loadSettingsFile(file);
    expect(loaded.settings.port).toBe(9100);
    expect(loaded.layer).toEqual({ port: 9100, oauth: { requiredScopes: [] } });
    expect(loaded.warning).toBe(
      `${file}: ignored "apiKey", which ${SECRET_REFUSED}; remove it from the file; ignored unknown setting "prot"; ` +
        `ignored "oauth.accessToken", which ${SECRET_REFUSED}; remove it from the file`,
    );
    expect(loaded.warning).not.toContain('sk-1');
    expect(await readdir(home)).toEqual(['settings.json']);
  });

  it('moves a file over the size cap aside without reading it (a sparse 600 MiB file)', async () => {
    await mkdir(home, { recursive: true });
    const size = 600 * 1024 * 1024;
    await writeFile(file, '{}');
    await truncate(file, size);

    const loaded = await loadSettingsFile(file, { now: FIXED_NOW });
    const kept = `${file}${MOVED_SUFFIX}`;
    expect(loaded).toEqual({
      settings: defaultSettings(),
      layer: {},
      movedTo: kept,
      warning: `${file} is larger than 1 MiB (${size} bytes); it was moved to ${kept} and the default settings are used`,
    });
    expect((await stat(kept)).size).toBe(size);
    expect(await readdir(home)).toEqual([`settings.json${MOVED_SUFFIX}`]);
  });

  it.skipIf(process.platform === 'win32')('moves a link to /dev/zero aside as a link, leaving its target alone', async () => {
    await mkdir(home, { recursive: true });
    await symlink('/dev/zero', file);

    const loaded = await loadSettingsFile(file, { now: FIXED_NOW });
    const kept = `${file}${MOVED_SUFFIX}`;
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.warning).toBe(`${file} is a character device, not a regular file; it was moved to ${kept} and the default settings are used`);
    expect((await lstat(kept)).isSymbolicLink()).toBe(true);
    expect(await readlink(kept)).toBe('/dev/zero');
    expect((await stat('/dev/zero')).isCharacterDevice()).toBe(true);
    expect(await loadSettingsFile(file)).toEqual({ settings: defaultSettings(), layer: {} });
  });

  it.skipIf(process.platform === 'win32')('moves a FIFO aside at once instead of waiting for a writer', async () => {
    await mkdir(home, { recursive: true });
    execFileSync('mkfifo', [file]);

    const loaded = await within(loadSettingsFile(file, { now: FIXED_NOW }), 5_000);
    const kept = `${file}${MOVED_SUFFIX}`;
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.warning).toBe(`${file} is a named pipe (FIFO), not a regular file; it was moved to ${kept} and the default settings are used`);
    expect((await lstat(kept)).isFIFO()).toBe(true);
  });

  it('removes temp files an interrupted save left behind, once they are stale, and nothing else', async () => {
    await mkdir(home, { recursive: true });
    await writeFile(file, '{ "port": 9300 }');
    const old = new Date(Date.now() - 10 * 60_000); // well past STALE_TEMP_AGE_MS
    const stale = ['.settings.json.4242.0123456789ab.tmp', `.settings.json.${process.pid}.ba9876543210.tmp`];
    const kept = [
      '.settings.json.4243.fedcba987654.tmp', // fresh: a save may be in flight in another process
      '.settings.json.notes.tmp', // not a name writeFileAtomic makes
      '.app-state.json.4242.0123456789ab.tmp', // another file's temp
      'settings.json.4242.0123456789ab.tmp',
    ];
    for (const name of [...stale, ...kept]) {
      await writeFile(join(home, name), '{ "port": 1');
      if (name !== kept[0]) await utimes(join(home, name), old, old);
    }

    const loaded = await loadSettingsFile(file);
    expect(loaded.settings.port).toBe(9300);
    expect((await readdir(home)).sort()).toEqual(['settings.json', ...kept].sort());
  });

  it('throws SETTINGS_UNREADABLE when the path exists but cannot be read', async () => {
    await mkdir(file, { recursive: true });
    await expect(loadSettingsFile(file)).rejects.toMatchObject({ name: 'SettingsFileError', code: 'SETTINGS_UNREADABLE' });
  });
});

describe('saving the settings file', () => {
  it('writes atomically: only settings.json remains, mode 0600 in a 0700 folder', async () => {
    const settings = { ...defaultSettings(), port: 9200 };
    expect(await saveSettingsFile(file, settings)).toEqual(settings);
    await saveSettingsFile(file, { ...settings, port: 9201 });

    expect(await readdir(home)).toEqual(['settings.json']);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ ...settings, port: 9201 });
    if (process.platform !== 'win32') {
      expect(await mode(file)).toBe(0o600);
      expect(await mode(home)).toBe(0o700);
    }
    expect((await loadSettingsFile(file)).settings.port).toBe(9201);
  });

  it('removes its temp file when the final rename fails', async () => {
    await mkdir(join(file, 'blocker'), { recursive: true });
    await expect(saveSettingsFile(file, defaultSettings())).rejects.toMatchObject({ code: expect.stringMatching(/^E/) });
    expect(await readdir(home)).toEqual(['settings.json']);
  });

  it('tightens an existing folder to 0700', async () => {
    await mkdir(home, { recursive: true, mode: 0o755 });
    await chmod(home, 0o755);
    await saveSettingsFile(file, defaultSettings());
    if (process.platform !== 'win32') expect(await mode(home)).toBe(0o700);
  });

  it('refuses anything that looks like a secret and leaves the file untouched', async () => {
    await saveSettingsFile(file, defaultSettings());
    const before = await readFile(file, 'utf8');
    const attempt = saveSettingsFile(file, { ...defaultSettings(), apiKey: 'sk-live-1' });
    await expect(attempt).rejects.toBeInstanceOf(SettingsFileError);
    await expect(attempt).rejects.toMatchObject({ code: 'SETTINGS_SECRET_REFUSED', errors: { apiKey: SECRET_REFUSED } });
    await attempt.catch((error: Error) => expect(error.message).not.toContain('sk-live-1'));
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await readdir(home)).toEqual(['settings.json']);
  });

  it('refuses invalid settings with SETTINGS_INVALID and writes nothing', async () => {
    await expect(saveSettingsFile(file, { ...defaultSettings(), port: -1 })).rejects.toMatchObject({
      code: 'SETTINGS_INVALID',
      errors: { port: 'expected an integer from 0 to 65535' },
    });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
