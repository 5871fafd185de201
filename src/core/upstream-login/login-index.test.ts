import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createListingSecretStore } from '../../../test/support/listing-secret-store.js';
import { upstreamLoginAccount } from './accounts.js';
import { createLoginBook } from './login-book.js';
import { openLoginIndex, parseLoginIndex, type LoginIndexEntry } from './login-index.js';
import { partAccount } from './split-secret.js';
import { writeStoredLogin, type StoredUpstreamLogin } from './stored-login.js';

let folder: string;
let file: string;
let logs: string[];
const log = (line: string) => logs.push(line);
const NOW = new Date('2026-03-01T12:00:00.000Z');

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'login-index-'));
  file = join(folder, 'logins.json');
  logs = [];
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const entry: LoginIndexEntry = { state: 'signed-in', issuer: 'https://idp.example.com', subject: 'alice', scopes: ['mcp'], updatedAt: NOW.getTime() };

async function movedAside(): Promise<string[]> {
  return (await readdir(folder)).filter((name) => name.startsWith('logins.json.corrupt-'));
}

describe('parseLoginIndex', () => {
  it('keeps good entries and skips each bad one alone', () => {
    const parsed = parseLoginIndex(
      JSON.stringify({
        version: 1,
        servers: {
          good: { state: 'signed-in', issuer: 'https://idp.example.com', scopes: ['a', 7, 'b'], expiresAt: '2026-03-01T13:00:00.000Z', updatedAt: NOW.toISOString() },
          waiting: { state: 'needs-sign-in', reason: 'never signed in', updatedAt: NOW.toISOString() },
          'bad-state': { state: 'maybe', updatedAt: NOW.toISOString() },
          'no-date': { state: 'signed-in' },
          'bad-date': { state: 'signed-in', updatedAt: 'yesterday' },
          'not-an-object': 'signed-in',
          'Bad Name': { state: 'signed-in', updatedAt: NOW.toISOString() },
        },
      }),
    );
    expect(parsed.ok).toBe(true);
    const index = parsed.ok ? parsed.index : new Map();
    expect([...index.keys()]).toEqual(['good', 'waiting']);
    expect(index.get('good')).toEqual({
      state: 'signed-in',
      issuer: 'https://idp.example.com',
      scopes: ['a', 'b'],
      expiresAt: Date.parse('2026-03-01T13:00:00.000Z'),
      updatedAt: NOW.getTime(),
    });
    expect(index.get('waiting')).toEqual({ state: 'needs-sign-in', reason: 'never signed in', scopes: [], updatedAt: NOW.getTime() });
  });

  it('a file that is not an index is a problem, not an empty index', () => {
    expect(parseLoginIndex('{"servers": {')).toEqual({ ok: false, problem: 'is not valid JSON' });
    expect(parseLoginIndex('[]')).toEqual({ ok: false, problem: 'has no "servers" object' });
    expect(parseLoginIndex('{"servers": []}')).toEqual({ ok: false, problem: 'has no "servers" object' });
    expect(parseLoginIndex('\uFEFF{"servers": {}}')).toEqual({ ok: true, index: new Map() });
  });
});

describe('a corrupt logins.json', () => {
  it('is moved aside (kept whole), reported in one line, and the index starts empty', async () => {
    await writeFile(file, '{"servers": {"remote": ');
    const index = openLoginIndex({ file, log, now: () => NOW });
    expect(await index.read()).toEqual(new Map());
    const [moved] = await movedAside();
    expect(moved).toBe('logins.json.corrupt-2026-03-01T12-00-00-000Z');
    expect(await readFile(join(folder, moved!), 'utf8')).toBe('{"servers": {"remote": ');
    expect(logs).toEqual([`[upstream-login] ${file} is not valid JSON; it was moved to ${join(folder, moved!)} and the index of sign-ins starts empty (the sign-ins themselves are in the keychain)`]);

    // Reported once: the next read finds no file.
    expect(await index.read()).toEqual(new Map());
    expect(logs).toHaveLength(1);
  });

  it('is never overwritten by a change: moved aside first, then the new index written', async () => {
    await writeFile(file, '"just a string"');
    const index = openLoginIndex({ file, log, now: () => NOW });
    const { changed } = await index.update('remote', () => entry);
    expect(changed).toBe(true);
    expect(await movedAside()).toHaveLength(1);
    expect(logs.join('\n')).toContain('has no "servers" object; it was moved to');
    expect([...(await index.read()).entries()]).toEqual([['remote', entry]]);
  });

  it('one too large is moved aside unread', async () => {
    await writeFile(file, `{"servers": {}, "padding": "${'x'.repeat(1024 * 1024)}"}`);
    expect(await openLoginIndex({ file, log }).read()).toEqual(new Map());
    expect(await movedAside()).toHaveLength(1);
    expect(logs.join('\n')).toMatch(/is larger than 1 MiB .* it was moved to/);
  });

  it.skipIf(process.platform === 'win32')('a FIFO is moved aside without being opened for reading (which would block)', async () => {
    execFileSync('mkfifo', [file]);
    expect(await openLoginIndex({ file, log }).read()).toEqual(new Map());
    expect(await movedAside()).toHaveLength(1);
    expect(logs.join('\n')).toContain('is a named pipe (FIFO), not a regular file; it was moved to');
  });

  it('an unreadable one (a directory) is left in place, reported once, and changing the index fails clearly', async () => {
    await mkdir(file);
    const index = openLoginIndex({ file, log });
    expect(await index.read()).toEqual(new Map());
    expect(await index.read()).toEqual(new Map());
    expect(logs).toEqual([`[upstream-login] ${file} cannot be read (EISDIR); the index of sign-ins reads as empty`]);
    await expect(index.update('remote', () => entry)).rejects.toThrow(`${file} cannot be read (EISDIR)`);
    expect(await movedAside()).toEqual([]);
  });
});

function storedLogin(): StoredUpstreamLogin {
  return {
    version: 1,
    url: 'https://mcp.example.com/mcp',
    issuer: 'https://idp.example.com',
    client: { kind: 'registered', clientId: 'client-1' },
    tokens: { access_token: 'a'.repeat(3000), refresh_token: 'r'.repeat(3000), token_type: 'Bearer', scope: 'mcp openid' },
    expiresAt: NOW.getTime() + 3_600_000,
    subject: 'alice',
    discovery: { authorizationServerUrl: 'https://idp.example.com' },
  };
}

describe('the login book over a damaged index or keychain', () => {
  it('gives a sign-in found in the keychain its entry back after the index was set aside', async () => {
    const secrets = createListingSecretStore();
    const book = createLoginBook({ secrets, indexFile: file, now: () => NOW.getTime(), log });
    await book.save('remote', storedLogin());
    await writeFile(file, 'garbage');

    expect(await book.entry('remote')).toBeUndefined();
    expect(await movedAside()).toHaveLength(1);
    expect((await book.read('remote'))?.subject).toBe('alice');
    expect(await book.entry('remote')).toEqual({
      state: 'signed-in',
      issuer: 'https://idp.example.com',
      subject: 'alice',
      scopes: ['mcp', 'openid'],
      expiresAt: NOW.getTime() + 3_600_000,
      updatedAt: NOW.getTime(),
    });
    book.close();
  });

  it('a keychain entry with a part missing reads as signed out, marks needs-sign-in with the reason, logs once; sign-out removes the rest', async () => {
    const secrets = createListingSecretStore();
    const book = createLoginBook({ secrets, indexFile: file, now: () => NOW.getTime(), log });
    await writeStoredLogin(secrets, 'remote', storedLogin());
    await book.save('remote', storedLogin());
    await secrets.delete(partAccount(upstreamLoginAccount('remote'), 'b', 0));

    expect(await book.read('remote')).toBeUndefined();
    expect(await book.read('remote')).toBeUndefined();
    const entry = await book.entry('remote');
    expect(entry).toMatchObject({ state: 'needs-sign-in', reason: expect.stringMatching(/^the sign-in kept in the keychain lacks part 1 of \d+$/), subject: 'alice' });
    expect(logs).toEqual([`[upstream-login] remote: ${entry!.reason}; it reads as signed out until the next sign-in`]);

    await book.forget('remote');
    expect([...secrets.entries().keys()]).toEqual([]);
    expect(await book.entry('remote')).toBeUndefined();
    book.close();
  });
});
