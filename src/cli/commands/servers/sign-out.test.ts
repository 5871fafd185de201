/**
 * `servers logout` and `servers remove` in process over the real sign-in
 * machinery: a real `oidc-provider` (registration, revocation) behind this
 * toolkit's server in `oauth` mode, the browser walked with fetch, an
 * in-memory keychain that lists what it holds, the settings and the
 * `logins.json` index on disk. (test/cli/servers-login.test.ts runs the built
 * CLI with chromium and the OS keychain.)
 */
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signInWithFetch } from '../../../../test/support/browser.js';
import { createListingSecretStore, type ListingSecretStore } from '../../../../test/support/listing-secret-store.js';
import { startProtectedUpstream, type ProtectedUpstream } from '../../../../test/support/protected-upstream.js';
import { upstreamLoginsIndexFile } from '../../../core/config/paths.js';
import { upstreamLoginAccount } from '../../../core/upstream-login/accounts.js';
import { createUpstreamLogins, type UpstreamLoginsService } from '../../../core/upstream-login/create-upstream-logins.js';
import type { CliIO } from '../../command.js';
import { runCli } from '../../run.js';
import { createServersCommand } from '../servers.js';

let upstream: ProtectedUpstream;
const homes: string[] = [];
const opened: UpstreamLoginsService[] = [];

beforeAll(async () => {
  upstream = await startProtectedUpstream();
});
afterAll(async () => {
  await upstream?.stop();
});
afterEach(async () => {
  for (const logins of opened.splice(0)) logins.close();
  for (const home of homes.splice(0)) await rm(home, { recursive: true, force: true });
});

/** A `servers` command over the real sign-in machinery; each run is one CLI process's worth (its own logins service). */
function harness() {
  const home = mkdtempSync(join(tmpdir(), 'mcp-servers-sign-out-'));
  homes.push(home);
  const store = createListingSecretStore();
  const logs: string[] = [];
  const command = createServersCommand({
    openStore: () => store,
    readSecret: async () => '',
    openLogins: ({ secrets, paths }) => {
      const logins = createUpstreamLogins({ secrets, indexFile: upstreamLoginsIndexFile(paths), log: (line) => logs.push(line) });
      opened.push(logins);
      return logins;
    },
    openUrl: (url) => signInWithFetch(url, 'alice'),
  });
  const env = { MCP_TOOLKIT_HOME: home, HOME: home };
  return {
    store,
    logs,
    indexFile: upstreamLoginsIndexFile({ platform: process.platform, env, homedir: home }),
    async run(args: string[]) {
      let stdout = '';
      let stderr = '';
      const io: CliIO = {
        stdout: { write: (s: string) => (stdout += s) },
        stderr: { write: (s: string) => (stderr += s) },
        env,
        signal: new AbortController().signal,
      };
      const code = await runCli(['servers', ...args], io, [command]);
      return { code, stdout, stderr };
    },
  };
}

/** The keychain accounts holding the sign-in of `name` (its entry and its parts). */
function loginAccounts(store: ListingSecretStore, name = 'remote'): string[] {
  const account = upstreamLoginAccount(name);
  return [...store.entries().keys()].filter((key) => key === account || key.startsWith(`${account}:`));
}

async function signedIn(h: ReturnType<typeof harness>): Promise<void> {
  expect((await h.run(['add', 'remote', '--url', upstream.spec.url])).code).toBe(0);
  const login = await h.run(['login', 'remote']);
  expect(login.code, login.stderr).toBe(0);
  expect(loginAccounts(h.store).length).toBeGreaterThan(1);
}

describe('servers logout over the real sign-in machinery', () => {
  it('signs out even when logins.json has no entry (a corrupt index set aside): the keychain parts go, and it says so', async () => {
    const h = harness();
    await signedIn(h);
    await rm(h.indexFile);
    const revocations = upstream.idp.countRequests('/token/revocation');

    const logout = await h.run(['logout', 'remote']);
    expect(logout.code, logout.stderr).toBe(0);
    expect(logout.stderr).toContain('signed out of remote: its tokens are deleted from the OS keychain; the server revoked them');
    expect(upstream.idp.countRequests('/token/revocation')).toBeGreaterThan(revocations);
    expect(loginAccounts(h.store)).toEqual([]);
    expect(await readFile(h.indexFile, 'utf8').catch(() => '')).not.toContain('"remote"');

    const again = await h.run(['logout', 'remote']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('remote had no sign-in; nothing to delete');
  });

  it('deletes the leftover parts of a damaged sign-in, and says it signed out', async () => {
    const h = harness();
    await signedIn(h);
    const part = loginAccounts(h.store).find((account) => account.endsWith(':0'))!;
    await h.store.delete(part);

    const logout = await h.run(['logout', 'remote']);
    expect(logout.stderr).toContain('signed out of remote: its tokens are deleted from the OS keychain');
    expect(loginAccounts(h.store)).toEqual([]);
  });
});

describe('servers remove over the real sign-in machinery', () => {
  it('signs out of the server first: tokens revoked, keychain parts and index entry gone; adding it again does not sign in', async () => {
    const h = harness();
    await signedIn(h);
    const revocations = upstream.idp.countRequests('/token/revocation');

    const removed = await h.run(['remove', 'remote']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(upstream.idp.countRequests('/token/revocation')).toBeGreaterThan(revocations);
    expect(loginAccounts(h.store)).toEqual([]);
    expect(await readFile(h.indexFile, 'utf8')).not.toContain('"remote"');
    expect(h.logs.join('\n')).toMatch(/signed out of remote at .*: refresh token revoked/);

    expect((await h.run(['add', 'remote', '--url', upstream.spec.url])).code).toBe(0);
    expect((await h.run(['logout', 'remote'])).stderr).toContain('remote had no sign-in; nothing to delete');
  });
});
