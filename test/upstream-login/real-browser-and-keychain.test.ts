/**
 * Sign-in to a remote MCP server with the real outside parts: Debian's
 * chromium playing the user through the provider's pages, and (under
 * scripts/with-keyring.sh) the real Secret Service holding the tokens —
 * which then appear in no file under HOME.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upstreamLoginsIndexFile } from '../../src/core/config/paths.js';
import { createKeychainStore, createMemorySecretStore } from '../../src/core/keychain/index.js';
import { createUpstreamLogins, upstreamLoginAccount } from '../../src/core/upstream-login/index.js';
import { MAX_KEYCHAIN_VALUE_CHARS } from '../../src/core/upstream-login/split-secret.js';
import { deleteStoredLogin, readStoredLogin, writeStoredLogin, type StoredUpstreamLogin } from '../../src/core/upstream-login/stored-login.js';
import { launchChromium, signInWithBrowser, type Chromium } from '../support/browser.js';
import { secretToolAttributes, secretToolLookup } from '../support/keyring-secret-tool.js';
import { callThrough, startProtectedUpstream, type ProtectedUpstream } from '../support/protected-upstream.js';

const keyringMissing = process.env.MCP_TOOLKIT_TEST_KEYRING === '1' ? undefined : 'needs a Secret Service: run via scripts/with-keyring.sh';

let upstream: ProtectedUpstream;
let chromium: Chromium;

beforeAll(async () => {
  [upstream, chromium] = await Promise.all([startProtectedUpstream(), launchChromium()]);
});
afterAll(async () => {
  await chromium?.close();
  await upstream?.stop();
});

/** Every regular file under `dir` (symbolic links not followed). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('sign-in through real chromium', () => {
  it('signs in, lands on the loopback success page, and the token reaches the upstream', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'upstream-login-browser-'));
    const logins = createUpstreamLogins({ secrets: createMemorySecretStore(), indexFile: join(folder, 'logins.json'), log: () => undefined });
    let visit: ReturnType<typeof signInWithBrowser> | undefined;
    const view = await logins.signIn(upstream.spec, {
      openUrl: (url) => {
        visit = signInWithBrowser(chromium.context, url, { login: 'erin' });
      },
    });
    expect(view).toMatchObject({ state: 'signed-in', subject: 'erin', issuer: upstream.idp.issuer });
    expect((await visit!).pageText).toContain('Signed in');
    expect(await callThrough(upstream.spec, logins.providerFor(upstream.spec))).toBe(true);
    logins.close();
    await rm(folder, { recursive: true, force: true });
  });
});

describe.skipIf(keyringMissing)('tokens in the OS keychain', () => {
  it('keeps the tokens in the Secret Service and in no file under HOME (or the XDG folders)', async () => {
    const home = homedir();
    const folders = [home, ...['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'].flatMap((name) => process.env[name] ?? [])];
    const indexFile = upstreamLoginsIndexFile({ platform: process.platform, env: process.env, homedir: home });
    const logins = createUpstreamLogins({ secrets: createKeychainStore(), indexFile, log: () => undefined });
    await logins.signIn(upstream.spec, { openUrl: (url) => signInWithBrowser(chromium.context, url, { login: 'frank' }).then(() => undefined) });

    const read = await readStoredLogin(createKeychainStore(), 'remote');
    const stored = read.kind === 'found' ? read.login : expect.fail(`no sign-in in the keychain (${read.kind})`);
    expect(stored.tokens.access_token.length).toBeGreaterThan(20);
    expect(stored.tokens.refresh_token!.length).toBeGreaterThan(20);
    expect(await readFile(indexFile, 'utf8')).toContain('"signed-in"');

    const files = (await Promise.all(folders.map(filesUnder))).flat();
    expect(files).toContain(indexFile);
    for (const file of files) {
      const content = await readFile(file).catch(() => Buffer.alloc(0));
      expect(content.includes(stored.tokens.access_token), file).toBe(false);
      expect(content.includes(stored.tokens.refresh_token!), file).toBe(false);
    }
    expect(await callThrough(upstream.spec, logins.providerFor(upstream.spec))).toBe(true);
    await logins.signOut(upstream.spec);
    expect(await loginItems('remote')).toEqual([]);
    logins.close();
  });

  it('round-trips a sign-in with 4 KB tokens in parts no larger than Windows accepts, and deletes every part', async () => {
    const secrets = createKeychainStore();
    const big = (length: number) => randomBytes(length).toString('base64url').slice(0, length);
    const login: StoredUpstreamLogin = {
      version: 1,
      url: 'https://mcp.example.com/mcp',
      issuer: 'https://login.example.com',
      client: { kind: 'registered', clientId: 'client-1' },
      tokens: { access_token: big(4096), refresh_token: big(4096), token_type: 'Bearer', scope: 'openid mcp' },
      expiresAt: Date.now() + 3_600_000,
      subject: 'zoë 🦊',
      discovery: { authorizationServerUrl: 'https://login.example.com' },
    };
    await writeStoredLogin(secrets, 'big', login);
    // A second write (a refresh) moves to the other slot and removes the first.
    await writeStoredLogin(secrets, 'big', { ...login, tokens: { ...login.tokens, access_token: big(4096) } });
    const refreshed = await readStoredLogin(secrets, 'big');
    expect(refreshed.kind === 'found' && refreshed.login.subject).toBe('zoë 🦊');

    const items = await loginItems('big');
    expect(items.length).toBeGreaterThan(8);
    for (const account of items) {
      // What the Secret Service itself holds, read back by another client.
      const value = (await secretToolLookup('mcp-toolkit', account))!;
      expect(value.length, account).toBeLessThanOrEqual(MAX_KEYCHAIN_VALUE_CHARS);
    }
    expect(items.filter((account) => account.includes(':a:'))).toEqual([]);

    await deleteStoredLogin(secrets, 'big');
    expect(await loginItems('big')).toEqual([]);
    expect(await readStoredLogin(secrets, 'big')).toEqual({ kind: 'missing' });
  });
});

/** The Secret Service items (account names) of the sign-in of `name`: its entry and its parts. */
async function loginItems(name: string): Promise<string[]> {
  const account = upstreamLoginAccount(name);
  return (await secretToolAttributes('mcp-toolkit'))
    .map((line) => /^attribute\.username = (.*)$/.exec(line)?.[1])
    .filter((item): item is string => item === account || item?.startsWith(`${account}:`) === true);
}
