/**
 * Sign-in to a remote MCP server with the real outside parts: Debian's
 * chromium playing the user through the provider's pages, and (under
 * scripts/with-keyring.sh) the real Secret Service holding the tokens —
 * which then appear in no file under HOME.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upstreamLoginsIndexFile } from '../../src/core/config/paths.js';
import { createKeychainStore, createMemorySecretStore } from '../../src/core/keychain/index.js';
import { createUpstreamLogins, upstreamLoginAccount } from '../../src/core/upstream-login/index.js';
import { launchChromium, signInWithBrowser, type Chromium } from '../support/browser.js';
import { secretToolLookup } from '../support/keyring-secret-tool.js';
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

    const stored = JSON.parse((await secretToolLookup('mcp-toolkit', upstreamLoginAccount('remote')))!) as {
      tokens: { access_token: string; refresh_token: string };
    };
    expect(stored.tokens.access_token.length).toBeGreaterThan(20);
    expect(stored.tokens.refresh_token.length).toBeGreaterThan(20);
    expect(await readFile(indexFile, 'utf8')).toContain('"signed-in"');

    const files = (await Promise.all(folders.map(filesUnder))).flat();
    expect(files).toContain(indexFile);
    for (const file of files) {
      const content = await readFile(file).catch(() => Buffer.alloc(0));
      expect(content.includes(stored.tokens.access_token), file).toBe(false);
      expect(content.includes(stored.tokens.refresh_token), file).toBe(false);
    }
    expect(await callThrough(upstream.spec, logins.providerFor(upstream.spec))).toBe(true);
    await logins.signOut(upstream.spec);
    expect(await secretToolLookup('mcp-toolkit', upstreamLoginAccount('remote'))).toBeUndefined();
    logins.close();
  });
});
