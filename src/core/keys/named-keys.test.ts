import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemorySecretStore, type SecretStore } from '../keychain/index.js';
import { createNamedKeys, type NamedKeys } from './named-keys.js';

let dir: string;
let indexFile: string;
let secrets: SecretStore;
let clock: number;
const open = (envKey?: string): NamedKeys => createNamedKeys({ secrets, indexFile, envKey, now: () => clock });
const code = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: { code?: string }) => error.code);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'named-keys-'));
  indexFile = join(dir, 'keys.json');
  secrets = createMemorySecretStore();
  clock = Date.parse('2025-01-02T03:04:05.000Z');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('named keys', () => {
  it('creates a key: the value in the keychain under key:<name>, only the name and date in the 0600 index', async () => {
    const keys = open();
    const value = await keys.create('cursor');
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await secrets.get('key:cursor')).toBe(value);
    const text = await readFile(indexFile, 'utf8');
    expect(text).not.toContain(value);
    expect(JSON.parse(text)).toEqual({ version: 1, keys: { cursor: { createdAt: '2025-01-02T03:04:05.000Z' } } });
    if (process.platform !== 'win32') expect((await stat(indexFile)).mode & 0o777).toBe(0o600);
    expect(await keys.show('cursor')).toBe(value);
    expect(await keys.list()).toEqual([{ name: 'cursor', createdAt: clock }]);
  });

  it('refuses to create a name that exists, and ensure returns the existing value or creates it', async () => {
    const keys = open();
    const value = await keys.create('zed');
    expect(await code(keys.create('zed'))).toBe('KEY_EXISTS');
    expect(await keys.ensure('zed')).toBe(value);
    const fresh = await keys.ensure('codex');
    expect(fresh).not.toBe(value);
    expect(await keys.show('codex')).toBe(fresh);
    expect((await keys.list()).map((key) => key.name)).toEqual(['codex', 'zed']);
  });

  it('show of an unknown name is KEY_NOT_FOUND; revoke removes the name and the value', async () => {
    const keys = open();
    expect(await code(keys.show('nobody'))).toBe('KEY_NOT_FOUND');
    await keys.create('cline');
    await keys.revoke('cline');
    expect(await secrets.get('key:cline')).toBeUndefined();
    expect(await keys.list()).toEqual([]);
    expect(await code(keys.show('cline'))).toBe('KEY_NOT_FOUND');
    expect(await code(keys.revoke('cline'))).toBe('KEY_NOT_FOUND');
  });

  it('validates names everywhere', async () => {
    const keys = open();
    for (const bad of ['', 'Cursor', '-x', 'a_b', 'a'.repeat(33), 'x y', '../x']) {
      expect(await code(keys.create(bad))).toBe('KEY_NAME_INVALID');
      expect(await code(keys.show(bad))).toBe('KEY_NAME_INVALID');
      expect(await code(keys.ensure(bad))).toBe('KEY_NAME_INVALID');
      expect(await code(keys.revoke(bad))).toBe('KEY_NAME_INVALID');
    }
    await expect(keys.create('a'.repeat(32))).resolves.toBeTypeOf('string');
    await expect(keys.create('0-a')).resolves.toBeTypeOf('string');
  });

  it('makes the single key of earlier versions (account api-key) the key "default", keeping its value', async () => {
    secrets = createMemorySecretStore({ 'api-key': 'the-old-single-key-0123456789' });
    const keys = open();
    expect(await keys.list()).toEqual([{ name: 'default', createdAt: clock }]);
    expect(await keys.show('default')).toBe('the-old-single-key-0123456789');
    expect(await keys.ensure('default')).toBe('the-old-single-key-0123456789');
    expect(await secrets.get('key:default')).toBeUndefined(); // read where it always was: no copy to drift
    expect(JSON.parse(await readFile(indexFile, 'utf8')).keys).toEqual({ default: { createdAt: '2025-01-02T03:04:05.000Z' } });
    expect(await code(keys.create('default'))).toBe('KEY_EXISTS');
    // Rotating the single key (`key rotate`, the UI) changes the default key's value.
    await secrets.set('api-key', 'rotated-single-key-0123456789');
    expect(await keys.show('default')).toBe('rotated-single-key-0123456789');
    await keys.revoke('default');
    expect(await secrets.get('api-key')).toBeUndefined();
    expect(await keys.list()).toEqual([]);
  });

  it('accepts MCP_API_KEY as the key "env", never stored, never created or revoked', async () => {
    const keys = open('  env-key-0123456789abcdef  ');
    expect(await keys.show('env')).toBe('env-key-0123456789abcdef');
    expect(await keys.ensure('env')).toBe('env-key-0123456789abcdef');
    expect(await code(keys.create('env'))).toBe('KEY_NAME_INVALID');
    expect(await code(keys.revoke('env'))).toBe('KEY_NAME_INVALID');
    await keys.create('cursor');
    expect((await keys.values()).map((key) => key.name)).toEqual(['env', 'cursor']);
    expect(await keys.list()).toEqual([{ name: 'cursor', createdAt: clock }]);
    expect(await readFile(indexFile, 'utf8')).not.toContain('env');
    expect(await code(open().show('env'))).toBe('KEY_NOT_FOUND');
    expect(await code(open('short').show('env'))).toBe('API_KEY_INVALID');
  });

  it('records last use (only later times, only for keys that exist) and lists it', async () => {
    const keys = open();
    await keys.create('cursor');
    await keys.recordUse(new Map([['cursor', clock + 5_000], ['gone', clock]]));
    await keys.recordUse(new Map([['cursor', clock + 1_000]]));
    expect(await keys.list()).toEqual([{ name: 'cursor', createdAt: clock, lastUsedAt: clock + 5_000 }]);
  });

  it('loses no key when several processes create keys at the same moment (the index is locked)', async () => {
    const names = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
    await Promise.all(names.map((name) => open().create(name)));
    expect((await open().list()).map((key) => key.name)).toEqual(names);
  });

  it('refuses an index that is not valid JSON instead of overwriting it', async () => {
    await writeFile(indexFile, '{ not json');
    expect(await code(open().list())).toBe('KEY_INDEX_INVALID');
    expect(await code(open().create('x'))).toBe('KEY_INDEX_INVALID');
    expect(await readFile(indexFile, 'utf8')).toBe('{ not json');
  });
});
