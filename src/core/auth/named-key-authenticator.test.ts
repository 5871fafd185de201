import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HttpError } from '../http/http-error.js';
import { createMemorySecretStore, createUnavailableSecretStore, type SecretStore } from '../keychain/index.js';
import { readKeyIndex, withKeyIndexLock, writeKeyIndex, type KeyIndexEntry } from '../keys/key-index.js';
import { createNamedKeys } from '../keys/named-keys.js';
import { createNamedKeyAuthenticator } from './named-key-authenticator.js';
import type { Authenticator } from './types.js';

let dir: string;
let indexFile: string;
let secrets: SecretStore;
let auth: Authenticator | undefined;
const lines: string[] = [];
const log = (line: string) => void lines.push(line);
const request = (key: string) => ({ headers: new Headers({ 'x-api-key': key }), url: new URL('http://127.0.0.1/mcp'), remoteAddress: '127.0.0.1' });

/** The authenticator's answer for `key`: the client label, or the refusal's code. */
async function answer(key: string): Promise<string> {
  return auth!.authenticate(request(key)).then(
    (principal) => principal.label,
    (error: HttpError) => error.code,
  );
}

/** Polls until `key` gets `expected` (bounded: a changed index is read within a debounce). */
async function eventually(key: string, expected: string): Promise<void> {
  await vi.waitFor(async () => expect(await answer(key)).toBe(expected), { timeout: 5_000, interval: 20 });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'key-auth-'));
  indexFile = join(dir, 'keys.json');
  secrets = createMemorySecretStore();
  lines.length = 0;
});
afterEach(async () => {
  auth?.close?.();
  auth = undefined;
  await rm(dir, { recursive: true, force: true, maxRetries: 10 });
});

describe('named-key authenticator', () => {
  it('creates the key "default" on a first start with no key, and accepts it', async () => {
    auth = await createNamedKeyAuthenticator({ keys: createNamedKeys({ secrets, indexFile }), log });
    const value = await createNamedKeys({ secrets, indexFile }).show('default');
    expect(await answer(value)).toBe('default');
    expect(await answer('wrong-key-0123456789abcdef')).toBe('AUTH_INVALID_KEY');
  });

  it('accepts the earlier single key as "default" after the upgrade', async () => {
    secrets = createMemorySecretStore({ 'api-key': 'old-single-key-0123456789abcdef' });
    auth = await createNamedKeyAuthenticator({ keys: createNamedKeys({ secrets, indexFile }), log });
    expect(await answer('old-single-key-0123456789abcdef')).toBe('default');
  });

  it('accepts a key created in this process at once, and refuses a revoked one at once', async () => {
    const keys = createNamedKeys({ secrets, indexFile });
    auth = await createNamedKeyAuthenticator({ keys, log });
    const cursor = await keys.create('cursor');
    await eventually(cursor, 'cursor');
    await keys.revoke('cursor');
    await eventually(cursor, 'AUTH_INVALID_KEY');
  });

  it('follows keys created and revoked by another process (the index file changes on disk)', async () => {
    const keys = createNamedKeys({ secrets, indexFile });
    await keys.create('zed');
    auth = await createNamedKeyAuthenticator({ keys, log });
    // Another process: its value in the shared keychain, its name written to the index file (under the lock, as every writer does).
    const changeIndex = (change: (index: Map<string, KeyIndexEntry>) => void) =>
      withKeyIndexLock(indexFile, async () => {
        const index = await readKeyIndex(indexFile);
        change(index);
        await writeKeyIndex(indexFile, index);
      });
    await secrets.set('key:codex', 'codex-key-0123456789abcdef');
    await changeIndex((index) => index.set('codex', { createdAt: Date.now() }));
    await eventually('codex-key-0123456789abcdef', 'codex');
    await changeIndex((index) => index.delete('codex'));
    await eventually('codex-key-0123456789abcdef', 'AUTH_INVALID_KEY');
    expect(await answer(await keys.show('zed'))).toBe('zed');
  });

  it('writes last-use times off the request path, at most once per interval', async () => {
    const keys = createNamedKeys({ secrets, indexFile });
    const cursor = await keys.create('cursor');
    const recordUse = vi.spyOn(keys, 'recordUse');
    auth = await createNamedKeyAuthenticator({ keys, log, lastUseIntervalMs: 60_000 });
    for (let i = 0; i < 20; i += 1) expect(await answer(cursor)).toBe('cursor');
    await vi.waitFor(async () => expect((await keys.list())[0]?.lastUsedAt).toBeTypeOf('number'), { timeout: 5_000, interval: 20 });
    expect(recordUse).toHaveBeenCalledTimes(1);
    expect(await answer(cursor)).toBe('cursor');
    expect(recordUse).toHaveBeenCalledTimes(1); // the next write waits for the interval…
    auth.close?.();
    expect(recordUse).toHaveBeenCalledTimes(2); // …or the close
    auth = undefined;
  });

  it('starts on MCP_API_KEY (named "env") when the keychain is missing, and says so', async () => {
    const keys = createNamedKeys({ secrets: createUnavailableSecretStore(), indexFile, envKey: 'env-key-0123456789abcdef' });
    auth = await createNamedKeyAuthenticator({ keys, log });
    expect(await answer('env-key-0123456789abcdef')).toBe('env');
    await vi.waitFor(() => expect(lines.join('\n')).toMatch(/cannot read the API keys/), { timeout: 5_000, interval: 20 });
    expect(lines.join('\n')).not.toContain('env-key-0123456789abcdef');
  });

  it('fails to start without MCP_API_KEY when the keychain is missing', async () => {
    const keys = createNamedKeys({ secrets: createUnavailableSecretStore(), indexFile });
    await expect(createNamedKeyAuthenticator({ keys, log })).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
  });
});
